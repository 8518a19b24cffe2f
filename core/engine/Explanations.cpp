// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Explanations.h"

#include <charconv>
#include <cmath>

namespace consilium {

namespace {

// Appends `value` rounded half away from zero to `decimals` places (locale-independent).
void appendDecimal(QString &out, double value, int decimals)
{
    static constexpr double kScale[] = { 1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
    const double scale = decimals >= 0 && decimals < 7 ? kScale[decimals] : std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0)
        rounded = 0.0; // no "-0.0"
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals);
    out.append(QLatin1String(buf, qsizetype(res.ptr - buf)));
}

} // namespace

QString formatDecimal(double value, int decimals)
{
    QString out;
    appendDecimal(out, value, decimals);
    return out;
}

QString stateLabel(CriterionState s)
{
    switch (s) {
    case CriterionState::Met:
        return QStringLiteral("Met");
    case CriterionState::NotMet:
        return QStringLiteral("Not met");
    case CriterionState::Unknown:
        return QStringLiteral("Unknown");
    case CriterionState::NotApplicable:
        return QStringLiteral("Not applicable");
    }
    return {};
}

QString verdictLabel(Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return QStringLiteral("eligible");
    case Verdict::EligibleWithCautions:
        return QStringLiteral("eligible with cautions");
    case Verdict::Undetermined:
        return QStringLiteral("undetermined");
    case Verdict::Ineligible:
        return QStringLiteral("ineligible");
    case Verdict::NotApplicable:
        return QStringLiteral("not applicable");
    }
    return {};
}

namespace {

const ExplanationWords &englishWords()
{
    static const ExplanationWords words;
    return words;
}

void appendDisplayValue(QString &out, const RulePack &pack, const Workspace &ws, int slot, const ExplanationWords &w)
{
    const ValueStatus st = ws.status[std::size_t(slot)];
    if (st == ValueStatus::NotEvaluated) {
        out += w.notEvaluatedValue;
        return;
    }
    if (st != ValueStatus::Known) {
        out += w.unknownValue;
        return;
    }
    const double v = ws.values[std::size_t(slot)];
    switch (pack.slotType(slot)) {
    case ValueType::Number:
    case ValueType::Integer: {
        // Counts of years, minutes, points, grades and classes (the `bare_number` variables of
        // resources/packs/FORMAT.md) read naturally without a trailing ".0" when they are whole.
        const Symbol &sym = pack.symbol(slot);
        if (sym.kind == SymbolKind::Variable && pack.variables()[std::size_t(sym.index)].bareNumber
            && v == std::floor(v))
            appendDecimal(out, v, 0);
        else
            appendDecimal(out, v, pack.slotDecimals(slot));
        return;
    }
    case ValueType::Bool:
        out += v != 0.0 ? w.yes : w.no;
        return;
    case ValueType::Enum:
        if (const QStringList *values = pack.slotValues(slot))
            out += values->value(qsizetype(v));
        return;
    case ValueType::Date:
        out += QDate::fromJulianDay(qint64(v)).toString(Qt::ISODate);
        return;
    }
}

} // namespace

QString displayValue(const RulePack &pack, const Workspace &ws, int slot)
{
    QString out;
    appendDisplayValue(out, pack, ws, slot, englishWords());
    return out;
}

namespace {

// Why a derived value is unknown: "Serum creatinine missing; Sex not evaluated" (pack labels,
// grouped by status), or empty when no raw input is missing (e.g. EASIX with platelets 0).
QString missingReason(const RulePack &pack, const Workspace &ws, int slot, const ExplanationWords &w)
{
    if (pack.symbol(slot).kind != SymbolKind::Derived)
        return {};
    std::vector<int> inputs;
    collectMissingInputs(pack, ws, slot, inputs);
    if (inputs.empty())
        return {};
    QStringList missing;
    QStringList unknown;
    QStringList notEvaluated;
    for (int in : inputs) {
        if (in >= pack.slotCount()) {
            missing.append(pseudoInputLabel(PseudoInput(in - pack.slotCount())));
            continue;
        }
        const Symbol &sym = pack.symbol(in);
        QString label = sym.kind == SymbolKind::Variable ? pack.variables()[std::size_t(sym.index)].label : QString();
        if (!label.isEmpty() && !PackTexts::isEnglish(w.language)) // a label without a translation stays English
            label = pack.text(textKey(u"variable", sym.id, u"label"), w.language).text;
        if (label.isEmpty())
            label = sym.id;
        switch (ws.status[std::size_t(in)]) {
        case ValueStatus::NotEvaluated:
            notEvaluated.append(label);
            break;
        case ValueStatus::Unknown:
            unknown.append(label);
            break;
        case ValueStatus::Absent:
        case ValueStatus::Known:
            missing.append(label);
            break;
        }
    }
    QStringList groups;
    const QString comma = QStringLiteral(", ");
    if (!missing.isEmpty())
        groups.append(w.missing.arg(missing.join(comma)));
    if (!unknown.isEmpty())
        groups.append(w.unknown.arg(unknown.join(comma)));
    if (!notEvaluated.isEmpty())
        groups.append(w.notEvaluated.arg(notEvaluated.join(comma)));
    return groups.join(QStringLiteral("; "));
}

// A placeholder: the value, then its unit only if the value is known; for an unknown derived
// value, why (each reason once per sentence).
void appendPlaceholder(QString &out, const RulePack &pack, const Workspace &ws, const TemplatePart &part,
    QStringList &reasonsGiven, const ExplanationWords &w)
{
    appendDisplayValue(out, pack, ws, part.slot, w);
    if (ws.status[std::size_t(part.slot)] == ValueStatus::Known) {
        out += part.text;
        return;
    }
    const QString reason = missingReason(pack, ws, part.slot, w);
    if (reason.isEmpty() || reasonsGiven.contains(reason))
        return;
    reasonsGiven.append(reason);
    out += QStringLiteral(" (") + reason + QLatin1Char(')');
}

void appendParts(QString &out, const RulePack &pack, const Workspace &ws, const std::vector<TemplatePart> &parts,
    const ExplanationWords &w)
{
    QStringList reasonsGiven;
    for (const TemplatePart &part : parts) {
        if (part.slot >= 0)
            appendPlaceholder(out, pack, ws, part, reasonsGiven, w);
        else
            out += part.text;
    }
}

} // namespace

QString unknownValueReason(const RulePack &pack, const Workspace &ws, int slot)
{
    return ws.status[std::size_t(slot)] == ValueStatus::Known ? QString()
                                                              : missingReason(pack, ws, slot, englishWords());
}

void appendExplanationText(QString &out, const RulePack &pack, const Workspace &ws, int criterion)
{
    const Criterion &cr = pack.criteria()[std::size_t(criterion)];
    appendParts(out, pack, ws, cr.explanationFor(ws.states[std::size_t(criterion)]), englishWords());
}

LocalText renderExplanationText(const RulePack &pack, const Workspace &ws, int criterion, const ExplanationWords &words)
{
    const Criterion &cr = pack.criteria()[std::size_t(criterion)];
    const CriterionState state = ws.states[std::size_t(criterion)];
    LocalText out;
    if (const auto *parts = cr.explanationFor(state, words.language)) {
        appendParts(out.text, pack, ws, *parts, words);
    } else {
        // No template in that language: the English sentence, English words included, flagged.
        appendParts(out.text, pack, ws, cr.explanationFor(state), englishWords());
        out.fellBack = true;
    }
    return out;
}

void appendExplanation(QString &out, const RulePack &pack, const Workspace &ws, int criterion)
{
    out += stateLabel(ws.states[std::size_t(criterion)]);
    out += QLatin1String(": ");
    appendExplanationText(out, pack, ws, criterion);
}

QString renderExplanation(const RulePack &pack, const Workspace &ws, int criterion)
{
    QString out;
    out.reserve(pack.criteria()[std::size_t(criterion)].explanationTemplate.size() + 48);
    appendExplanation(out, pack, ws, criterion);
    return out;
}

QString renderExplanationText(const RulePack &pack, const Workspace &ws, int criterion)
{
    QString out;
    out.reserve(pack.criteria()[std::size_t(criterion)].explanationTemplate.size() + 32);
    appendExplanationText(out, pack, ws, criterion);
    return out;
}

} // namespace consilium
