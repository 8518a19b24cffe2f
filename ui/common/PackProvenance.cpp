// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/PackProvenance.h"

#include "rules/RulePack.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace consilium {

PackProvenance::Kind PackProvenance::kindFor(const RulePack &pack) const
{
    if (pack.sha256() == RulePack::builtin().sha256())
        return Kind::Builtin;
    return kind == Kind::Builtin ? Kind::NotRecorded : kind;
}

QString PackProvenance::toJson() const
{
    QJsonObject o;
    switch (kind) {
    case Kind::Builtin:
        o.insert(QStringLiteral("kind"), QStringLiteral("builtin"));
        break;
    case Kind::Signed:
        o.insert(QStringLiteral("kind"), QStringLiteral("signed"));
        o.insert(QStringLiteral("signer"), signer);
        break;
    case Kind::Override:
        o.insert(QStringLiteral("kind"), QStringLiteral("override"));
        o.insert(QStringLiteral("reason"), reason);
        break;
    case Kind::NotRecorded:
        o.insert(QStringLiteral("kind"), QStringLiteral("not_recorded"));
        break;
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

PackProvenance PackProvenance::fromJson(const QString &json)
{
    PackProvenance p;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    const QString kind = o.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("builtin")) {
        p.kind = Kind::Builtin;
    } else if (kind == QLatin1String("signed") && !o.value(QStringLiteral("signer")).toString().isEmpty()) {
        p.kind = Kind::Signed;
        p.signer = o.value(QStringLiteral("signer")).toString();
    } else if (kind == QLatin1String("override") && !o.value(QStringLiteral("reason")).toString().isEmpty()) {
        p.kind = Kind::Override;
        p.reason = o.value(QStringLiteral("reason")).toString();
    }
    return p;
}

QString PackStatus::shortSha(const QString &sha256)
{
    return sha256.left(12);
}

QString PackStatus::identity(const RulePack &pack)
{
    return tr("%1 %2 · sha256 %3").arg(pack.id(), pack.version(), shortSha(pack.sha256()));
}

QString PackStatus::provenance(const RulePack &pack, const PackProvenance &p)
{
    switch (p.kindFor(pack)) {
    case PackProvenance::Kind::Builtin:
        return tr("built-in");
    case PackProvenance::Kind::Signed:
        return tr("signed by %1…").arg(p.signer.left(16));
    case PackProvenance::Kind::Override:
        return tr("UNSIGNED — loaded by override: %1").arg(p.reason);
    case PackProvenance::Kind::NotRecorded:
        break;
    }
    return tr("site pack; how it was loaded was not recorded");
}

QString PackStatus::line(const RulePack &pack, const PackProvenance &p)
{
    return tr("Rule pack %1 · %2").arg(identity(pack), provenance(pack, p));
}

bool PackStatus::isWarning(const RulePack &pack, const PackProvenance &p)
{
    const PackProvenance::Kind k = p.kindFor(pack);
    return k == PackProvenance::Kind::Override || k == PackProvenance::Kind::NotRecorded;
}

} // namespace consilium
