// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenCases.h"

#include "case/CaseData.h"
#include "rules/RulePack.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <vector>

namespace consilium {

QList<QByteArray> caseTemplates(const QString &sourceDir)
{
    QList<QByteArray> out;
    const QDir dir(sourceDir + QStringLiteral("/resources/examples"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out << f.readAll();
    }
    return out;
}

namespace {

void setString(json::Document &doc, const char *key, const QString &value)
{
    const QByteArray u = value.toUtf8();
    doc[key].SetString(u.constData(), rapidjson::SizeType(u.size()), doc.GetAllocator());
}

} // namespace

StoreResult<qint64> generateCases(CaseStore &store, const QList<QByteArray> &templates, const GenOptions &options,
    const std::function<void(qint64)> &progress)
{
    if (templates.isEmpty())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no case templates"));
    const RulePack &pack = RulePack::builtin();
    QRandomGenerator rng(options.seed);
    qint64 written = 0;
    while (written < options.count) {
        WriteTransaction tx(store);
        if (!tx.begun())
            return tx.begun().error();
        const qint64 end = std::min(options.count, written + options.batchSize);
        for (qint64 i = written; i < end; ++i) {
            const QByteArray &tpl = templates[qsizetype(i % templates.size())];
            for (int attempt = 0;; ++attempt) {
                json::Document doc;
                json::Diagnostics diag;
                json::parseStrict(tpl, doc, diag);
                setString(doc, "id", QStringLiteral("gen-%1").arg(i + 1, 6, 10, QLatin1Char('0')));
                setString(doc, "label", QStringLiteral("synthetic case %1").arg(i + 1));
                auto &facts = doc["facts"];
                if (facts.HasMember("age_years") && facts["age_years"].IsNumber())
                    facts["age_years"].SetInt(18 + int(rng.bounded(62)));
                if (facts.HasMember("weight") && facts["weight"].IsObject())
                    facts["weight"]["value"].SetDouble(45.0 + double(rng.bounded(600)) / 10.0);
                if (attempt == 0) {
                    // About 10% of the facts missing (the disease is always known).
                    std::vector<std::string> drop;
                    for (const auto &m : facts.GetObject()) {
                        if (json::keyOf(m.name) != "disease" && rng.generateDouble() < options.missingRate)
                            drop.emplace_back(m.name.GetString(), m.name.GetStringLength());
                    }
                    for (const std::string &k : drop)
                        facts.RemoveMember(k.c_str());
                }
                if (parseCaseValue(doc, pack, diag)) {
                    if (const auto saved = store.saveValidated(doc); !saved)
                        return saved.error();
                    break;
                }
                if (attempt > 0)
                    return storeFailure(StoreErrc::InvalidCase,
                        QStringLiteral("template %1 does not validate").arg(i % templates.size()), diag.lines());
            }
        }
        if (auto committed = tx.commit(); !committed)
            return committed.error();
        written = end;
        if (progress)
            progress(written);
    }
    return written;
}

} // namespace consilium
