// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"
#include "store/SiteOptions.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace consilium {

class Engine;
class Evaluation;
struct OptionDef;
class RulePack;

// The options under each arm of the comparison grid (resources/packs/FORMAT.md, "Options";
// docs/result-format.md#options): one column per arm, one row per option in the result's order
// (eligible first). A cell says the option's name, kind, status in the case's jurisdiction, its
// verdict (badge), the one or two criteria that decide it and, always, the screening note: what
// the pack does not encode, so *eligible* is never read as *enrollable*. The site's availability
// (SiteAvailability) orders each arm's options (offered first) and greys those not offered.
class OptionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // OptionRole: the option's index (RulePack::options()); UnavailableRole: not offered at this
    // centre (SiteAvailability), shown greyed.
    enum Roles { OptionRole = Qt::UserRole + 20, UnavailableRole };

    explicit OptionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase);
    // The site's availability of options (Session::siteOptions()); takes effect at the next
    // setEvaluation.
    void setSiteOptions(const SiteOptions &site) { m_site = site; }
    // The option shown at a cell, -1 for an empty cell.
    int optionAt(int row, int arm) const;
    bool hasOptions() const noexcept { return m_rows > 0; }

    // "trial", "product", "off-label regimen" (FORMAT.md "Options": kind).
    static QString kindLabel(const QString &kind);
    // "investigational (EU)" for the case's jurisdiction, the pack's note in `note`; an approval
    // or off-label use with its note (the indication): "approved (EU): … r/r B-ALL; for AID
    // investigational", `note` left empty.
    static QString statusText(const Evaluation &e, const OptionDef &opt, QString *note = nullptr);
    // "Not encoded — check at screening: …" (the option's screening_note); never empty.
    static QString screeningText(const RulePack &pack, const OptionDef &opt, int maxChars = -1);
    // The one or two criteria that decide the option's verdict, one a line; "—" when none.
    static QString decidingText(const Evaluation &e, int option, int max);

private:
    struct Cell {
        int option = -1;
        QString text;
        QString tooltip;
        bool changed = false;
        bool unavailable = false;
    };
    Cell makeCell(int option) const;

    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
    std::vector<std::vector<Cell>> m_columns; // by arm
    int m_rows = 0;
    SiteOptions m_site;
};

} // namespace consilium
