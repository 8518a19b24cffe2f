// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace consilium::trust {

// Detached Ed25519 signatures over a rule pack's raw bytes. The signature file is text:
//   consilium-pack-signature/1
//   key-sha256: <hex SHA-256 of the raw 32-byte public key>
//   signature: <base64 of the 64-byte Ed25519 signature>

// Writes a new private key (PEM, PKCS#8) to `privatePath` with owner-only permissions and its
// public key (PEM, SubjectPublicKeyInfo) to `privatePath + ".pub"`. Refuses to overwrite.
bool generateKey(const QString &privatePath, QString &error);

// Signs `data` with the private key in `privateKeyPath`; returns the signature file's content.
std::optional<QByteArray> sign(const QByteArray &data, const QString &privateKeyPath, QString &error);

// The fingerprint (hex SHA-256 of the raw public key) of a PEM public key; nullopt if invalid.
std::optional<QString> fingerprint(const QByteArray &publicKeyPem);

// True if `signatureFile` is a valid signature of `data` by `publicKeyPem`.
bool verify(const QByteArray &data, const QByteArray &signatureFile, const QByteArray &publicKeyPem, QString &error);

// Public keys trusted to sign rule packs: every *.pub in the system directory
// (/etc/consilium/trusted-keys) and the user's (<config>/consilium/trusted-keys). The
// environment variable CONSILIUM_TRUSTED_KEYS (a ':'-separated list of directories) replaces
// both, for tests and site deployments.
class TrustStore
{
public:
    static QStringList defaultDirectories();
    static TrustStore load(const QStringList &directories = defaultDirectories());

    // The fingerprint of the trusted key that signed `data`, or nullopt (error says why).
    std::optional<QString> verifiedBy(const QByteArray &data, const QByteArray &signatureFile, QString &error) const;
    qsizetype size() const noexcept { return m_keys.size(); }

private:
    QList<QByteArray> m_keys; // PEM public keys
};

} // namespace consilium::trust
