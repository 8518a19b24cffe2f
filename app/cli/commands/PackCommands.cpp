// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli pack keygen|sign|verify`: Ed25519 keys and detached signatures of rule packs
// (docs/cli.md).
#include "Commands.h"
#include "Io.h"
#include "trust/PackSignature.h"

#include <QSaveFile>

namespace consilium::cli {

namespace {

class KeygenCommand : public Command
{
public:
    KeygenCommand()
        : Command(QStringLiteral("keygen"), QStringLiteral("Create an Ed25519 key pair to sign rule packs."))
    {
        addArgument(QStringLiteral("KEYFILE"),
            QStringLiteral("The private key file to create (owner-only); the public key goes to KEYFILE.pub."),
            Kind::File);
    }

protected:
    int run(const QCommandLineParser &, const QStringList &arguments) override
    {
        const QString &key = arguments.first();
        QString error;
        if (!trust::generateKey(key, error)) {
            err(QStringLiteral("consilium-cli: ") + error);
            return Failed;
        }
        QByteArray pub;
        readFile(key + QStringLiteral(".pub"), pub);
        outLine(QStringLiteral("private key: %1 (owner-only)").arg(key));
        outLine(QStringLiteral("public key:  %1.pub (key-sha256 %2)")
                    .arg(key, trust::fingerprint(pub).value_or(QString())));
        return Ok;
    }
};

class SignCommand : public Command
{
public:
    SignCommand() : Command(QStringLiteral("sign"), QStringLiteral("Sign a rule pack; the signature goes to PACK.sig."))
    {
        addArgument(QStringLiteral("PACK"), QStringLiteral("The rule pack file to sign."), Kind::File);
        addArgument(QStringLiteral("KEYFILE"), QStringLiteral("The private key made by 'pack keygen'."), Kind::File);
    }

protected:
    int run(const QCommandLineParser &, const QStringList &arguments) override
    {
        QByteArray pack;
        if (!readFile(arguments[0], pack))
            return NoInput;
        QString error;
        const auto signature = trust::sign(pack, arguments[1], error);
        if (!signature) {
            err(QStringLiteral("consilium-cli: ") + error);
            return Failed;
        }
        QSaveFile f(arguments[0] + QStringLiteral(".sig"));
        if (!f.open(QIODevice::WriteOnly) || f.write(*signature) != signature->size() || !f.commit()) {
            err(QStringLiteral("consilium-cli: cannot write %1.sig: %2").arg(arguments[0], f.errorString()));
            return Failed;
        }
        outLine(QStringLiteral("signature: %1.sig").arg(arguments[0]));
        return Ok;
    }
};

class VerifyCommand : public Command
{
public:
    VerifyCommand()
        : Command(QStringLiteral("verify"),
            QStringLiteral("Check a rule pack's signature against a public key or the trusted keys."))
    {
        addArgument(QStringLiteral("PACK"), QStringLiteral("The rule pack file."), Kind::File);
        addArgument(QStringLiteral("PACK.sig"), QStringLiteral("Its detached signature."), Kind::File);
        addOption({ QStringLiteral("key"), QStringLiteral("Verify with this public key instead of the trusted keys."),
                      QStringLiteral("PUB") },
            Kind::File);
    }

protected:
    int run(const QCommandLineParser &p, const QStringList &arguments) override
    {
        QByteArray pack;
        QByteArray signature;
        if (!readFile(arguments[0], pack) || !readFile(arguments[1], signature))
            return NoInput;
        QString error;
        const QString keyPath = p.value(QStringLiteral("key"));
        if (!keyPath.isEmpty()) {
            QByteArray key;
            if (!readFile(keyPath, key))
                return NoInput;
            if (!trust::verify(pack, signature, key, error)) {
                outLine(QStringLiteral("INVALID: %1").arg(error));
                return Failed;
            }
            outLine(QStringLiteral("VALID: signed by %1 (key-sha256 %2)")
                        .arg(keyPath, trust::fingerprint(key).value_or(QString())));
            return Ok;
        }
        const auto store = trust::TrustStore::load();
        const auto signer = store.verifiedBy(pack, signature, error);
        if (!signer) {
            outLine(QStringLiteral("INVALID: %1").arg(error));
            return Failed;
        }
        outLine(QStringLiteral("VALID: signed by a trusted key (key-sha256 %1)").arg(*signer));
        return Ok;
    }
};

} // namespace

std::unique_ptr<CommandGroup> makePackCommands()
{
    auto pack = std::make_unique<CommandGroup>(
        QStringLiteral("pack"), QStringLiteral("Sign rule packs and verify their signatures."));
    pack->add(std::make_unique<KeygenCommand>());
    pack->add(std::make_unique<SignCommand>());
    pack->add(std::make_unique<VerifyCommand>());
    return pack;
}

} // namespace consilium::cli
