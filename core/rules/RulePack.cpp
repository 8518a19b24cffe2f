// SPDX-License-Identifier: GPL-3.0-or-later
// RulePack: the loaded pack's accessors, loading entry points and the built-in reference pack.
#include "rules/RulePack.h"
#include "rules/PackLoader.h"

#include <QCryptographicHash>
#include <QFile>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initPackResources()
{
    Q_INIT_RESOURCE(packs);
}

namespace consilium {

int armIndex(const QString &id)
{
    for (int i = 0; i < kArmCount; ++i) {
        if (id == QLatin1String(kArmIds[std::size_t(i)]))
            return i;
    }
    return -1;
}

QString pseudoInputLabel(PseudoInput p)
{
    switch (p) {
    case PseudoInput::Medications:
        return QStringLiteral("Medication list");
    case PseudoInput::FailedTherapies:
        return QStringLiteral("Failed therapies");
    case PseudoInput::MedicationLastDose:
        return QStringLiteral("Last dose of a medication");
    }
    return {};
}

QString pseudoInputName(PseudoInput p)
{
    switch (p) {
    case PseudoInput::Medications:
        return QStringLiteral("medications");
    case PseudoInput::FailedTherapies:
        return QStringLiteral("failed_therapies");
    case PseudoInput::MedicationLastDose:
        return QStringLiteral("medications[].last_dose");
    }
    return {};
}

QString Variable::defaultUnit(const QString &jurisdiction) const
{
    for (const auto &[j, u] : defaultUnits) {
        if (j == jurisdiction)
            return u;
    }
    return unit;
}

const std::vector<TemplatePart> *Criterion::explanationFor(CriterionState s, const QString &language) const
{
    if (PackTexts::isEnglish(language))
        return &explanationFor(s);
    const auto it = localExplanations.constFind(language);
    if (it == localExplanations.constEnd())
        return nullptr;
    const auto &byState = (*it)[std::size_t(s) + 1];
    if (!byState.empty())
        return &byState;
    return (*it)[0].empty() ? nullptr : &(*it)[0];
}

const UnitConversion *Variable::findUnit(const QString &normalisedUnit) const
{
    for (const auto &u : units) {
        if (u.unit == normalisedUnit)
            return &u;
    }
    return nullptr;
}

int RulePack::variableIndex(const QString &id) const
{
    const int slot = slotOf(id);
    if (slot < 0 || m_symbols[std::size_t(slot)].kind != SymbolKind::Variable)
        return -1;
    return m_symbols[std::size_t(slot)].index;
}

int RulePack::variableIndexUtf8(std::string_view utf8Id) const
{
    return m_variableByUtf8.value(QByteArray::fromRawData(utf8Id.data(), qsizetype(utf8Id.size())), -1);
}

int RulePack::optionIndex(const QString &id) const
{
    for (std::size_t i = 0; i < m_options.size(); ++i) {
        if (m_options[i].id == id)
            return int(i);
    }
    return -1;
}

int RulePack::derivedIndexOfSlot(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    return s.kind == SymbolKind::Derived ? s.index : -1;
}

ValueType RulePack::slotType(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    switch (s.kind) {
    case SymbolKind::Variable:
        return m_variables[std::size_t(s.index)].type;
    case SymbolKind::Jurisdiction:
        return ValueType::Enum;
    case SymbolKind::Derived:
        return m_derived[std::size_t(s.index)].type;
    }
    return ValueType::Number;
}

int RulePack::slotDecimals(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    if (s.kind == SymbolKind::Variable)
        return m_variables[std::size_t(s.index)].decimals;
    if (s.kind == SymbolKind::Derived)
        return m_derived[std::size_t(s.index)].decimals;
    return 0;
}

QString RulePack::slotUnit(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    if (s.kind == SymbolKind::Variable)
        return m_variables[std::size_t(s.index)].unit;
    if (s.kind == SymbolKind::Derived)
        return m_derived[std::size_t(s.index)].unit;
    return {};
}

const QStringList *RulePack::slotValues(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    switch (s.kind) {
    case SymbolKind::Variable:
        return &m_variables[std::size_t(s.index)].values;
    case SymbolKind::Jurisdiction:
        return &m_jurisdictions;
    case SymbolKind::Derived:
        return &m_derived[std::size_t(s.index)].values;
    }
    return nullptr;
}

std::optional<SymbolInfo> RulePack::symbolInfo(const QString &id) const
{
    const int slot = slotOf(id);
    if (slot < 0)
        return std::nullopt;
    SymbolInfo info;
    info.slot = slot;
    info.type = slotType(slot);
    info.unit = slotUnit(slot);
    info.values = slotValues(slot);
    const Symbol &s = symbol(slot);
    if (s.kind == SymbolKind::Variable)
        info.units = &m_variables[std::size_t(s.index)].units;
    return info;
}

std::unique_ptr<RulePack> RulePack::load(const QByteArray &bytes, json::Diagnostics &diag)
{
    json::Document doc;
    if (!json::parseStrict(bytes, doc, diag, json::Limits { qsizetype(4) * 1024 * 1024, 64 }))
        return nullptr;
    std::unique_ptr<RulePack> pack(new RulePack);
    pack->m_bytes = bytes;
    pack->m_sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    PackLoader loader(*pack, diag);
    loader.load(doc);
    if (!diag.ok())
        return nullptr;
    for (std::size_t i = 0; i < pack->m_variables.size(); ++i)
        pack->m_variableByUtf8.insert(pack->m_variables[i].id.toUtf8(), int(i));
    return pack;
}

const char *RulePack::builtinExpectedSha256()
{
    return CONSILIUM_BUILTIN_PACK_SHA256;
}

QByteArray RulePack::builtinBytes()
{
    initPackResources();
    QFile f(QStringLiteral(":/packs/consilium-reference.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

const RulePack &RulePack::builtin()
{
    static const std::unique_ptr<RulePack> pack = [] {
        json::Diagnostics diag;
        auto p = load(builtinBytes(), diag);
        if (!p)
            qFatal("The built-in rule pack is invalid: %s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
        if (p->sha256() != QLatin1String(builtinExpectedSha256()))
            qFatal(
                "The built-in rule pack's sha256 %s differs from the one recorded at build time (%s); refusing to run",
                qPrintable(p->sha256()), builtinExpectedSha256());
        return p;
    }();
    return *pack;
}

} // namespace consilium
