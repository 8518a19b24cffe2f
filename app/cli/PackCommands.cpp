// SPDX-License-Identifier: GPL-3.0-or-later
// Signing rule packs (issue 6): Ed25519 keys, detached signatures, verification.
#include "PackCommands.h"

#include "trust/PackSignature.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

using namespace consilium;

namespace {

void err(const QString &line)
{
    const QByteArray b = line.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

void out(const QString &line)
{
    const QByteArray b = line.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

int usage(const QString &problem)
{
    err(QStringLiteral("consilium-cli: ") + problem);
    err(QStringLiteral("usage: consilium-cli pack keygen KEYFILE\n"
                       "       consilium-cli pack sign PACK KEYFILE\n"
                       "       consilium-cli pack verify PACK PACK.sig [--key PUB]"));
    return 64;
}

bool read(const QString &path, QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("consilium-cli: cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    bytes = f.readAll();
    return true;
}

} // namespace

int runPackCommand(const QStringList &args)
{
    if (args.isEmpty())
        return usage(QStringLiteral("pack needs a subcommand"));
    const QString &sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("keygen")) {
        if (rest.size() != 1)
            return usage(QStringLiteral("pack keygen KEYFILE"));
        QString error;
        if (!trust::generateKey(rest[0], error)) {
            err(QStringLiteral("consilium-cli: ") + error);
            return 1;
        }
        QByteArray pub;
        read(rest[0] + QStringLiteral(".pub"), pub);
        out(QStringLiteral("private key: %1 (owner-only)").arg(rest[0]));
        out(QStringLiteral("public key:  %1.pub (key-sha256 %2)")
                .arg(rest[0], trust::fingerprint(pub).value_or(QString())));
        return 0;
    }
    if (sub == QLatin1String("sign")) {
        if (rest.size() != 2)
            return usage(QStringLiteral("pack sign PACK KEYFILE"));
        QByteArray pack;
        if (!read(rest[0], pack))
            return 66;
        QString error;
        const auto signature = trust::sign(pack, rest[1], error);
        if (!signature) {
            err(QStringLiteral("consilium-cli: ") + error);
            return 1;
        }
        QSaveFile f(rest[0] + QStringLiteral(".sig"));
        if (!f.open(QIODevice::WriteOnly) || f.write(*signature) != signature->size() || !f.commit()) {
            err(QStringLiteral("consilium-cli: cannot write %1.sig: %2").arg(rest[0], f.errorString()));
            return 1;
        }
        out(QStringLiteral("signature: %1.sig").arg(rest[0]));
        return 0;
    }
    if (sub == QLatin1String("verify")) {
        QStringList files;
        QString keyPath;
        for (qsizetype i = 0; i < rest.size(); ++i) {
            if (rest[i] == QLatin1String("--key")) {
                if (i + 1 >= rest.size())
                    return usage(QStringLiteral("--key needs a value"));
                keyPath = rest[++i];
            } else if (rest[i].startsWith(QLatin1String("--"))) {
                return usage(QStringLiteral("unknown option %1").arg(rest[i]));
            } else {
                files.append(rest[i]);
            }
        }
        if (files.size() != 2)
            return usage(QStringLiteral("pack verify PACK PACK.sig [--key PUB]"));
        QByteArray pack;
        QByteArray signature;
        if (!read(files[0], pack) || !read(files[1], signature))
            return 66;
        QString error;
        if (!keyPath.isEmpty()) {
            QByteArray key;
            if (!read(keyPath, key))
                return 66;
            if (!trust::verify(pack, signature, key, error)) {
                out(QStringLiteral("INVALID: %1").arg(error));
                return 1;
            }
            out(QStringLiteral("VALID: signed by %1 (key-sha256 %2)")
                    .arg(keyPath, trust::fingerprint(key).value_or(QString())));
            return 0;
        }
        const auto store = trust::TrustStore::load();
        const auto signer = store.verifiedBy(pack, signature, error);
        if (!signer) {
            out(QStringLiteral("INVALID: %1").arg(error));
            return 1;
        }
        out(QStringLiteral("VALID: signed by a trusted key (key-sha256 %1)").arg(*signer));
        return 0;
    }
    return usage(QStringLiteral("unknown pack subcommand '%1'").arg(sub));
}
