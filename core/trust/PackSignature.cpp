// SPDX-License-Identifier: GPL-3.0-or-later
#include "trust/PackSignature.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace consilium::trust {

namespace {

constexpr char kFormat[] = "consilium-pack-signature/1";

struct PkeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct BioDeleter {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using Bio = std::unique_ptr<BIO, BioDeleter>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return QString::fromLatin1(buf);
}

QByteArray pem(EVP_PKEY *key, bool privateKey)
{
    Bio bio(BIO_new(BIO_s_mem()));
    const int ok = privateKey ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio.get(), key);
    if (!ok)
        return {};
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(len));
}

Pkey readPublic(const QByteArray &pemText)
{
    Bio bio(BIO_new_mem_buf(pemText.constData(), int(pemText.size())));
    Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (key && EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return nullptr;
    return key;
}

std::optional<QString> fingerprintOf(EVP_PKEY *key)
{
    unsigned char raw[32];
    size_t len = sizeof raw;
    if (!EVP_PKEY_get_raw_public_key(key, raw, &len))
        return std::nullopt;
    return QString::fromLatin1(QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(raw), qsizetype(len)), QCryptographicHash::Sha256)
                                   .toHex());
}

struct SignatureFile {
    QString keyFingerprint;
    QByteArray signature;
};

std::optional<SignatureFile> parseSignatureFile(const QByteArray &text, QString &error)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    if (lines.size() != 3 || lines[0].trimmed() != kFormat) {
        error = QStringLiteral("not a %1 file").arg(QLatin1String(kFormat));
        return std::nullopt;
    }
    SignatureFile s;
    for (const QByteArray &raw : lines.mid(1)) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("key-sha256: "))
            s.keyFingerprint = QString::fromLatin1(line.mid(12));
        else if (line.startsWith("signature: "))
            s.signature = QByteArray::fromBase64(line.mid(11), QByteArray::AbortOnBase64DecodingErrors);
    }
    if (s.keyFingerprint.size() != 64 || s.signature.size() != 64) {
        error = QStringLiteral("malformed signature file");
        return std::nullopt;
    }
    return s;
}

} // namespace

bool generateKey(const QString &privatePath, QString &error)
{
    if (QFile::exists(privatePath) || QFile::exists(privatePath + QStringLiteral(".pub"))) {
        error = QStringLiteral("%1 or its .pub already exists; not overwriting a key").arg(privatePath);
        return false;
    }
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) {
        error = opensslError();
        return false;
    }
    const QByteArray privatePem = pem(key.get(), true);
    const QByteArray publicPem = pem(key.get(), false);
    // The private key file is created empty with owner-only permissions before any key byte is written.
    QFile priv(privatePath);
    if (!priv.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        error = QStringLiteral("cannot create %1: %2").arg(privatePath, priv.errorString());
        return false;
    }
    if (!priv.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || priv.write(privatePem) != privatePem.size() || !priv.flush()) {
        error = QStringLiteral("cannot write %1: %2").arg(privatePath, priv.errorString());
        priv.remove();
        return false;
    }
    priv.close();
    QSaveFile pub(privatePath + QStringLiteral(".pub"));
    if (!pub.open(QIODevice::WriteOnly) || pub.write(publicPem) != publicPem.size() || !pub.commit()) {
        error = QStringLiteral("cannot write %1.pub: %2").arg(privatePath, pub.errorString());
        return false;
    }
    return true;
}

std::optional<QByteArray> sign(const QByteArray &data, const QString &privateKeyPath, QString &error)
{
    QFile f(privateKeyPath);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(privateKeyPath, f.errorString());
        return std::nullopt;
    }
    const QByteArray pemText = f.readAll();
    Bio bio(BIO_new_mem_buf(pemText.constData(), int(pemText.size())));
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
        error = QStringLiteral("%1 is not an Ed25519 private key").arg(privateKeyPath);
        return std::nullopt;
    }
    MdCtx ctx(EVP_MD_CTX_new());
    unsigned char sig[64];
    size_t sigLen = sizeof sig;
    if (!EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get())
        || !EVP_DigestSign(
            ctx.get(), sig, &sigLen, reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))) {
        error = opensslError();
        return std::nullopt;
    }
    const auto fp = fingerprintOf(key.get());
    if (!fp) {
        error = opensslError();
        return std::nullopt;
    }
    QByteArray out = kFormat;
    out += "\nkey-sha256: " + fp->toLatin1();
    out += "\nsignature: " + QByteArray(reinterpret_cast<const char *>(sig), qsizetype(sigLen)).toBase64() + "\n";
    return out;
}

std::optional<QString> fingerprint(const QByteArray &publicKeyPem)
{
    Pkey key = readPublic(publicKeyPem);
    if (!key)
        return std::nullopt;
    return fingerprintOf(key.get());
}

bool verify(const QByteArray &data, const QByteArray &signatureFile, const QByteArray &publicKeyPem, QString &error)
{
    const auto sig = parseSignatureFile(signatureFile, error);
    if (!sig)
        return false;
    Pkey key = readPublic(publicKeyPem);
    if (!key) {
        error = QStringLiteral("not an Ed25519 public key");
        return false;
    }
    if (fingerprintOf(key.get()) != sig->keyFingerprint) {
        error = QStringLiteral("signed by another key (%1…)").arg(sig->keyFingerprint.left(16));
        return false;
    }
    MdCtx ctx(EVP_MD_CTX_new());
    const int ok = EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get())
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig->signature.constData()),
               size_t(sig->signature.size()), reinterpret_cast<const unsigned char *>(data.constData()),
               size_t(data.size()))
            == 1;
    if (!ok) {
        ERR_clear_error();
        error = QStringLiteral("the signature does not match the pack's content");
        return false;
    }
    return true;
}

QStringList TrustStore::defaultDirectories()
{
    const QString env = qEnvironmentVariable("CONSILIUM_TRUSTED_KEYS");
    if (!env.isEmpty())
        return env.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return { QStringLiteral("/etc/consilium/trusted-keys"),
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/consilium/trusted-keys") };
}

TrustStore TrustStore::load(const QStringList &directories)
{
    TrustStore store;
    for (const QString &dir : directories) {
        const QDir d(dir);
        for (const QString &name : d.entryList({ QStringLiteral("*.pub") }, QDir::Files, QDir::Name)) {
            QFile f(d.filePath(name));
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray pemText = f.readAll();
                if (fingerprint(pemText))
                    store.m_keys.append(pemText);
            }
        }
    }
    return store;
}

std::optional<QString> TrustStore::verifiedBy(
    const QByteArray &data, const QByteArray &signatureFile, QString &error) const
{
    const auto sig = parseSignatureFile(signatureFile, error);
    if (!sig)
        return std::nullopt;
    for (const QByteArray &key : m_keys) {
        if (fingerprint(key) != sig->keyFingerprint)
            continue;
        QString why;
        if (verify(data, signatureFile, key, why))
            return sig->keyFingerprint;
        error = why;
        return std::nullopt;
    }
    error = QStringLiteral("signed by a key that is not trusted (key-sha256 %1…)").arg(sig->keyFingerprint.left(16));
    return std::nullopt;
}

} // namespace consilium::trust
