// SPDX-License-Identifier: GPL-3.0-or-later
// Crash-test helper: saves case versions in a loop and prints "<version id> <sha256>" for each
// committed version (flushed), until it is killed. Usage: store_crash_child DB SEED
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/CaseStore.h"
#include "store/Evaluations.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace consilium;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: store_crash_child DB SEED\n");
        return 64;
    }
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR_CHILD "/resources/examples/V01-sle-ln-si-units.json"));
    if (!f.open(QIODevice::ReadOnly))
        return 66;
    const QByteArray base = f.readAll();
    StoreOptions o;
    o.path = args[1];
    o.actor = { QStringLiteral("crash"), QStringLiteral("Crash Child") };
    o.lockTimeoutMs = 20000;
    auto opened = CaseStore::open(o);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    const std::unique_ptr<CaseStore> store = std::move(opened).value();
    const RulePack &pack = RulePack::builtin();
    Evaluations evaluations(*store);
    const QString seed = args[2];
    for (int i = 0;; ++i) {
        QByteArray bytes = base;
        // A different case now and then, and a different label every time: each save is a new version.
        const QString id = QStringLiteral("crash-%1").arg(i % 3);
        bytes.replace("\"id\": \"V01-sle-ln-si-units\"", QStringLiteral("\"id\": \"%1\"").arg(id).toUtf8());
        bytes.replace("\"label\": \"", QStringLiteral("\"label\": \"seed %1 save %2: ").arg(seed).arg(i).toUtf8());
        const auto result = store->saveCase(bytes, pack);
        if (!result || result.value().status != SaveStatus::Added) {
            std::fprintf(stderr, "save failed: %s\n", result ? "unchanged" : qPrintable(result.error().message));
            return 1;
        }
        const SaveOutcome &saved = result.value();
        std::printf("%lld %s\n", static_cast<long long>(saved.versionId), qPrintable(saved.contentSha256));
        std::fflush(stdout);
        if (i % 4 == 3 && !evaluations.evaluateVersion(saved.versionId, pack))
            std::fprintf(stderr, "evaluation failed\n"); // the save stands; the soak goes on
    }
}
