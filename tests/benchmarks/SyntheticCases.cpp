// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyntheticCases.h"

#include "rules/RulePack.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <random>

namespace consilium {

QList<QByteArray> syntheticCases(const RulePack &pack, int count, double missingFraction, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const QDate asOf(2026, 11, 25);
    QList<QByteArray> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        QJsonObject facts;
        for (const Variable &v : pack.variables()) {
            if (unit(rng) < missingFraction)
                continue;
            switch (v.type) {
            case ValueType::Bool:
                facts.insert(v.id, unit(rng) < 0.2);
                break;
            case ValueType::Enum:
                facts.insert(v.id, v.values[qsizetype(unit(rng) * double(v.values.size())) % v.values.size()]);
                break;
            case ValueType::Number:
            case ValueType::Integer: {
                // Mostly inside the lower half of the range so thresholds on both sides are hit.
                const double lo = v.hasRange ? v.rangeMin : 0.0;
                const double hi = v.hasRange ? v.rangeMax : 100.0;
                double x = lo + (hi - lo) * unit(rng) * unit(rng);
                if (v.type == ValueType::Integer)
                    x = std::floor(x);
                if (v.bareNumber)
                    facts.insert(v.id, x);
                else
                    facts.insert(
                        v.id, QJsonObject { { QStringLiteral("value"), x }, { QStringLiteral("unit"), v.unit } });
                break;
            }
            case ValueType::Date:
                break;
            }
        }
        // Units that are not accepted as written (e.g. canonical "% predicted") use the first accepted unit.
        for (const Variable &v : pack.variables()) {
            if (!facts.contains(v.id) || !facts[v.id].isObject() || v.findUnit(v.unit))
                continue;
            QJsonObject q = facts[v.id].toObject();
            q[QStringLiteral("unit")] = v.units.empty() ? v.unit : v.units.front().unit;
            facts[v.id] = q;
        }
        QJsonArray meds;
        const int nMeds = int(unit(rng) * 4);
        for (int m = 0; m < nMeds; ++m) {
            const Agent &a
                = pack.agents()[std::size_t(unit(rng) * double(pack.agents().size())) % pack.agents().size()];
            QJsonObject med { { QStringLiteral("agent"), a.id },
                { QStringLiteral("last_dose"), asOf.addDays(-int(unit(rng) * 60)).toString(Qt::ISODate) } };
            if (pack.drugClasses()[std::size_t(a.drugClass)].kind == DrugKind::Glucocorticoid)
                med.insert(QStringLiteral("daily_dose"),
                    QJsonObject { { QStringLiteral("value"), 2.5 * int(unit(rng) * 12) },
                        { QStringLiteral("unit"), QStringLiteral("mg") } });
            meds.append(med);
        }
        QJsonArray failed;
        const int nFailed = int(unit(rng) * 5);
        for (int f = 0; f < nFailed; ++f)
            failed.append(
                pack.agents()[std::size_t(unit(rng) * double(pack.agents().size())) % pack.agents().size()].id);
        QJsonObject doc { { QStringLiteral("format"), QStringLiteral("consilium-case/1") },
            { QStringLiteral("id"), QStringLiteral("synthetic-%1").arg(i) },
            { QStringLiteral("as_of"), asOf.toString(Qt::ISODate) },
            { QStringLiteral("jurisdiction"), pack.jurisdictions().value(i % pack.jurisdictions().size()) },
            { QStringLiteral("facts"), facts } };
        if (unit(rng) > missingFraction)
            doc.insert(QStringLiteral("medications"), meds);
        if (unit(rng) > missingFraction)
            doc.insert(QStringLiteral("failed_therapies"), failed);
        out.append(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    }
    return out;
}

} // namespace consilium
