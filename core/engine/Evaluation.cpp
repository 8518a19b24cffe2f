// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Evaluation.h"

#include "engine/Explanations.h"

#include <algorithm>

namespace consilium {

const GroupResult &Evaluation::group(Arm arm, int subOption) const
{
    if (subOption < 0)
        return group(arm);
    return m_groups[std::size_t(m_subOptionGroup[armIndex(arm)]) + std::size_t(subOption)];
}

QString Evaluation::explanation(int criterion) const
{
    return renderExplanation(*m_pack, m_ws, criterion);
}

void Evaluation::appendExplanation(QString &out, int criterion) const
{
    consilium::appendExplanation(out, *m_pack, m_ws, criterion);
}

QString Evaluation::explanationText(int criterion) const
{
    return renderExplanationText(*m_pack, m_ws, criterion);
}

LocalText Evaluation::explanationText(int criterion, const ExplanationWords &words) const
{
    return renderExplanationText(*m_pack, m_ws, criterion, words);
}

QString Evaluation::displayValue(int slot) const
{
    return consilium::displayValue(*m_pack, m_ws, slot);
}

QString Evaluation::unknownReason(int slot) const
{
    return unknownValueReason(*m_pack, m_ws, slot);
}

const std::vector<const ToxicityEntry *> &Evaluation::toxicity(Arm arm, int subOption) const
{
    static const std::vector<const ToxicityEntry *> none;
    const auto &rows = m_toxicity[armIndex(arm)];
    const std::size_t i = subOption < 0 ? 0 : std::size_t(subOption) + 1;
    return subOption >= -1 && i < rows.size() ? rows[i] : none;
}

std::vector<int> Evaluation::optionsOf(Arm arm) const
{
    std::vector<int> out;
    for (int o = 0; o < optionCount(); ++o) {
        if (optionDef(o).arm == int(arm))
            out.push_back(o);
    }
    // Verdict enum order is the result order: eligible … not_applicable.
    std::stable_sort(out.begin(), out.end(), [this](int a, int b) {
        const Verdict va = optionVerdict(a);
        const Verdict vb = optionVerdict(b);
        return va != vb ? va < vb : optionDef(a).id < optionDef(b).id;
    });
    return out;
}

} // namespace consilium
