// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases/CaseQuery.h"

#include "rules/RulePack.h"

namespace consilium {

CaseFilter CaseQuerySpec::filter(qint64 offset, int limit) const
{
    CaseFilter f;
    f.search = search;
    f.disease = disease;
    if (!verdict.isEmpty()) { // an arm without a verdict filters nothing
        f.verdictGroup = verdictGroup;
        f.verdict = verdict;
    }
    f.readiness = readiness;
    f.conference = conference;
    f.packSha256 = packSha256;
    f.includeArchived = false;
    f.descending = order == Qt::DescendingOrder;
    f.offset = int(offset);
    f.limit = limit;
    // Columns of CaseListModel: case id, label, disease, the four arms, updated, the chosen option.
    switch (sortColumn) {
    case 1:
        f.sort = CaseSort::Label;
        break;
    case 2:
        f.sort = CaseSort::Disease;
        break;
    case 3:
    case 4:
    case 5:
    case 6:
        f.sort = CaseSort::Verdict;
        f.sortGroup = QString::fromLatin1(kArmIds[std::size_t(sortColumn - 3)]);
        break;
    case 7:
        f.sort = CaseSort::Updated;
        break;
    case 8: // the chosen option's verdict, in the arms' order (by case id when none is chosen)
        f.sort = option().isEmpty() ? CaseSort::CaseId : CaseSort::Verdict;
        f.sortGroup = option().isEmpty() ? QString() : verdictGroup;
        break;
    default:
        f.sort = CaseSort::CaseId;
        break;
    }
    return f;
}

CaseRow caseRowFrom(const CaseSummary &s, const QString &option)
{
    CaseRow r;
    r.caseId = s.caseId;
    r.label = s.label;
    r.disease = s.disease;
    r.updatedAt = s.updatedAt;
    r.version = s.latestVersion;
    for (const auto &[group, verdict] : s.verdicts) {
        const int arm = armIndex(group);
        if (arm < 0)
            continue;
        r.verdicts[std::size_t(arm)] = verdict;
        r.undetermined += verdict == QLatin1String("undetermined");
    }
    if (const auto it = s.optionVerdicts.find(option); !option.isEmpty() && it != s.optionVerdicts.end())
        r.optionVerdict = it->second;
    return r;
}

} // namespace consilium
