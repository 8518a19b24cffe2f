// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/CaseDocument.h"

#include "rules/RulePack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace consilium {

namespace {

const QString kDraftFormat = QStringLiteral("consilium-draft/1");

QString numberText(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QJsonValue jsonNumberOrText(const QString &text, bool draft, bool &ok)
{
    const auto n = CaseDocument::parseNumber(text);
    ok = n.has_value();
    if (n)
        return *n;
    return draft ? QJsonValue(text) : QJsonValue();
}

QString textOf(const QJsonValue &v)
{
    if (v.isDouble())
        return numberText(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

// A fact as consilium-case/1 writes it; undefined when the entry writes nothing. A draft keeps
// text that is not (yet) a value.
QJsonValue factJson(const Variable &var, const FactEntry &e, bool draft)
{
    QJsonValue nothing(QJsonValue::Undefined);
    QJsonObject dated;
    if (!e.date.isEmpty())
        dated.insert(QStringLiteral("date"), e.date);
    switch (e.state) {
    case FactEntry::State::Absent:
        return nothing;
    case FactEntry::State::NotEvaluated:
    case FactEntry::State::Unknown:
        dated.insert(QStringLiteral("status"),
            e.state == FactEntry::State::NotEvaluated ? QStringLiteral("not_evaluated") : QStringLiteral("unknown"));
        return dated;
    case FactEntry::State::Value:
        break;
    }
    if (e.text.trimmed().isEmpty())
        return nothing;
    if (var.type == ValueType::Number || var.type == ValueType::Integer) {
        bool ok = false;
        QJsonValue n = jsonNumberOrText(e.text, draft, ok);
        if (!ok && !draft)
            return nothing;
        if (e.unit.isEmpty() && dated.isEmpty())
            return n;
        dated.insert(QStringLiteral("value"), n);
        dated.insert(QStringLiteral("unit"), e.unit);
        return dated;
    }
    if (var.type == ValueType::Bool) {
        if (e.text == QLatin1String("true") || e.text == QLatin1String("false"))
            return e.text == QLatin1String("true");
        return draft ? QJsonValue(e.text) : nothing;
    }
    return e.text;
}

} // namespace

CaseDocument::CaseDocument(const RulePack &pack, QObject *parent) : QObject(parent), m_pack(pack) { }

std::optional<double> CaseDocument::parseNumber(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    t.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

void CaseDocument::reset(const QString &caseId, const QDate &asOf, const QString &jurisdiction)
{
    m_meta.clear();
    m_facts.clear();
    m_meds.clear();
    m_failed.clear();
    m_medsRecorded = false;
    m_failedRecorded = false;
    m_meta.insert(QStringLiteral("id"), caseId);
    m_meta.insert(QStringLiteral("label"), QString());
    m_meta.insert(QStringLiteral("as_of"), asOf.toString(Qt::ISODate));
    m_meta.insert(QStringLiteral("jurisdiction"), jurisdiction);
    Q_EMIT reloaded();
    Q_EMIT changed();
}

bool CaseDocument::load(const QByteArray &json, QString &error)
{
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        error = pe.error != QJsonParseError::NoError ? pe.errorString() : tr("not a JSON object");
        return false;
    }
    QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() == kDraftFormat)
        root = root.value(QStringLiteral("document")).toObject();
    m_meta.clear();
    m_facts.clear();
    m_meds.clear();
    m_failed.clear();
    for (const char *key : { "id", "label", "as_of", "jurisdiction" })
        m_meta.insert(QLatin1String(key), root.value(QLatin1String(key)).toString());
    const QJsonObject facts = root.value(QStringLiteral("facts")).toObject();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        FactEntry e;
        const QJsonValue v = it.value();
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            e.date = o.value(QStringLiteral("date")).toString();
            const QString status = o.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("not_evaluated")) {
                e.state = FactEntry::State::NotEvaluated;
            } else if (status == QLatin1String("unknown")) {
                e.state = FactEntry::State::Unknown;
            } else {
                e.state = FactEntry::State::Value;
                e.text = textOf(o.value(QStringLiteral("value")));
                e.unit = o.value(QStringLiteral("unit")).toString();
            }
        } else {
            e.state = FactEntry::State::Value;
            e.text = textOf(v);
        }
        m_facts.insert(it.key(), e);
    }
    m_medsRecorded = root.contains(QStringLiteral("medications"));
    const QJsonArray medications = root.value(QStringLiteral("medications")).toArray();
    for (const auto &m : medications) {
        const QJsonObject o = m.toObject();
        MedicationEntry e;
        e.agent = o.value(QStringLiteral("agent")).toString();
        e.lastDose = o.value(QStringLiteral("last_dose")).toString();
        const QJsonObject dd = o.value(QStringLiteral("daily_dose")).toObject();
        if (dd.contains(QStringLiteral("value")))
            e.dailyDoseMg = textOf(dd.value(QStringLiteral("value")));
        m_meds.push_back(e);
    }
    m_failedRecorded = root.contains(QStringLiteral("failed_therapies"));
    const QJsonArray failed = root.value(QStringLiteral("failed_therapies")).toArray();
    for (const auto &a : failed)
        m_failed << a.toString();
    Q_EMIT reloaded();
    Q_EMIT changed();
    return true;
}

QString CaseDocument::meta(const QString &key) const
{
    return m_meta.value(key);
}

QDate CaseDocument::asOf() const
{
    return parseIsoDate(meta(QStringLiteral("as_of"))).value_or(QDate());
}

void CaseDocument::setMeta(const QString &key, const QString &value)
{
    if (m_meta.value(key) == value)
        return;
    m_meta.insert(key, value);
    Q_EMIT metaChanged(key);
    Q_EMIT changed();
}

void CaseDocument::setFact(const QString &variable, const FactEntry &entry)
{
    if (m_facts.value(variable) == entry)
        return;
    if (entry.state == FactEntry::State::Absent && entry.text.isEmpty() && entry.date.isEmpty() && entry.unit.isEmpty())
        m_facts.remove(variable);
    else
        m_facts.insert(variable, entry);
    Q_EMIT factChanged(variable);
    Q_EMIT changed();
}

void CaseDocument::setMedicationsRecorded(bool recorded)
{
    if (m_medsRecorded == recorded)
        return;
    m_medsRecorded = recorded;
    Q_EMIT medicationsChanged();
    Q_EMIT changed();
}

void CaseDocument::setMedication(int row, const MedicationEntry &entry)
{
    if (row < 0 || row >= medicationCount() || m_meds[std::size_t(row)] == entry)
        return;
    m_meds[std::size_t(row)] = entry;
    Q_EMIT medicationsChanged();
    Q_EMIT changed();
}

void CaseDocument::insertMedication(int row, const MedicationEntry &entry)
{
    row = qBound(0, row, medicationCount());
    m_meds.insert(m_meds.begin() + row, entry);
    m_medsRecorded = true;
    Q_EMIT medicationsChanged();
    Q_EMIT changed();
}

void CaseDocument::removeMedication(int row)
{
    if (row < 0 || row >= medicationCount())
        return;
    m_meds.erase(m_meds.begin() + row);
    Q_EMIT medicationsChanged();
    Q_EMIT changed();
}

void CaseDocument::setFailedTherapies(bool recorded, const QStringList &agents)
{
    if (m_failedRecorded == recorded && m_failed == agents)
        return;
    m_failedRecorded = recorded;
    m_failed = agents;
    Q_EMIT failedChanged();
    Q_EMIT changed();
}

QJsonObject CaseDocument::build(bool draft, const Exclude *exclude) const
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("consilium-case/1"));
    QString id = meta(QStringLiteral("id"));
    if (exclude && exclude->placeholderId && id.trimmed().isEmpty())
        id = QStringLiteral("draft");
    root.insert(QStringLiteral("id"), id);
    if (!meta(QStringLiteral("label")).isEmpty())
        root.insert(QStringLiteral("label"), meta(QStringLiteral("label")));
    root.insert(QStringLiteral("as_of"), meta(QStringLiteral("as_of")));
    root.insert(QStringLiteral("jurisdiction"), meta(QStringLiteral("jurisdiction")));

    QJsonObject facts;
    for (const Variable &var : m_pack.variables()) {
        const auto it = m_facts.constFind(var.id);
        if (it == m_facts.constEnd() || (exclude && exclude->facts.count(var.id)))
            continue;
        const QJsonValue fact = factJson(var, *it, draft);
        if (!fact.isUndefined())
            facts.insert(var.id, fact);
    }
    root.insert(QStringLiteral("facts"), facts);

    if (m_medsRecorded) {
        QJsonArray meds;
        for (int i = 0; i < medicationCount(); ++i) {
            if (exclude && exclude->medications.count(i))
                continue;
            const MedicationEntry &m = m_meds[std::size_t(i)];
            QJsonObject o;
            o.insert(QStringLiteral("agent"), m.agent.trimmed());
            if (!m.dailyDoseMg.trimmed().isEmpty()) {
                bool ok = false;
                const QJsonValue n = jsonNumberOrText(m.dailyDoseMg, draft, ok);
                if (ok || draft)
                    o.insert(QStringLiteral("daily_dose"),
                        QJsonObject {
                            { QStringLiteral("value"), n }, { QStringLiteral("unit"), QStringLiteral("mg") } });
            }
            if (!m.lastDose.trimmed().isEmpty())
                o.insert(QStringLiteral("last_dose"), m.lastDose.trimmed());
            meds.append(o);
        }
        root.insert(QStringLiteral("medications"), meds);
    }
    if (m_failedRecorded) {
        QJsonArray failed;
        for (int i = 0; i < m_failed.size(); ++i) {
            if (!(exclude && exclude->failed.count(i)))
                failed.append(m_failed.at(i));
        }
        root.insert(QStringLiteral("failed_therapies"), failed);
    }
    return root;
}

QByteArray CaseDocument::toJson() const
{
    return QJsonDocument(build(false, nullptr)).toJson(QJsonDocument::Indented);
}

QByteArray CaseDocument::toDraft() const
{
    QJsonObject d;
    d.insert(QStringLiteral("format"), kDraftFormat);
    d.insert(QStringLiteral("document"), build(true, nullptr));
    return QJsonDocument(d).toJson(QJsonDocument::Compact);
}

CaseValidation CaseDocument::validate() const
{
    CaseValidation v;
    Exclude ex;
    // Problems the parser cannot see because the text never becomes JSON.
    for (auto it = m_facts.constBegin(); it != m_facts.constEnd(); ++it) {
        const int vi = m_pack.variableIndex(it.key());
        if (vi < 0 || it->state != FactEntry::State::Value || it->text.trimmed().isEmpty())
            continue;
        const Variable &var = m_pack.variables()[std::size_t(vi)];
        if ((var.type == ValueType::Number || var.type == ValueType::Integer) && !parseNumber(it->text)) {
            const QString reason = tr("\"%1\" is not a number").arg(it->text);
            v.factErrors[it.key()] << reason;
            v.findings.push_back(
                { QStringLiteral("$.facts.%1").arg(it.key()), QLatin1String(json::FindingCode::Type), reason });
        }
    }
    for (int i = 0; i < medicationCount(); ++i) {
        const MedicationEntry &m = m_meds[std::size_t(i)];
        if (!m.dailyDoseMg.trimmed().isEmpty() && !parseNumber(m.dailyDoseMg)) {
            const QString reason = tr("\"%1\" is not a number").arg(m.dailyDoseMg);
            v.medicationErrors[i] << reason;
            v.findings.push_back({ QStringLiteral("$.medications[%1].daily_dose").arg(i),
                QLatin1String(json::FindingCode::Type), reason });
        }
    }
    const QByteArray full = QJsonDocument(build(false, nullptr)).toJson(QJsonDocument::Compact);
    json::Diagnostics diag;
    std::optional<CaseData> data = parseCase(full, m_pack, diag);
    // Each finding marks its field: the first keys of its path say which ("$.facts.creatinine.value",
    // "$.medications[2].agent", "$.failed_therapies[0]"); anything else is about the document.
    for (const json::Finding &f : diag.findings()) {
        const QStringList keys = json::pathKeys(f.path);
        const QString where = keys.size() >= 2 ? keys[0] : QString();
        bool isIndex = false;
        const int index = keys.size() >= 2 ? keys[1].toInt(&isIndex) : -1;
        if (where == QLatin1String("facts")) {
            v.factErrors[keys[1]] << f.message;
            ex.facts.insert(keys[1]);
        } else if (where == QLatin1String("medications") && isIndex) {
            v.medicationErrors[index] << f.message;
            ex.medications.insert(index);
        } else if (where == QLatin1String("failed_therapies") && isIndex) {
            v.failedErrors << f.message;
            ex.failed.insert(index);
        } else {
            v.metaErrors.push_back(f);
            ex.placeholderId = true;
        }
        v.findings.push_back(f);
    }
    for (const json::Finding &f : v.findings)
        v.allProblems << f.text();
    if (data && v.findings.empty()) {
        v.data = std::move(data);
        return v;
    }
    if (!data) {
        // Evaluate what is valid: the same document without the fields that have problems.
        for (const auto &[row, _] : v.medicationErrors)
            ex.medications.insert(row);
        const QByteArray partial = QJsonDocument(build(false, &ex)).toJson(QJsonDocument::Compact);
        json::Diagnostics again;
        v.data = parseCase(partial, m_pack, again);
    } else {
        v.data = std::move(data); // only local problems, which never reached the parser
    }
    return v;
}

} // namespace consilium
