// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/CaseDocument.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace consilium {

class RulePack;
struct Variable;

// One fact of the variable dictionary: value box (or choice), unit combo with the pack's
// accepted units, state ("not evaluated" / "unknown"), optional date, the canonical value
// beside it and the parser's reason underneath when the value is not accepted.
class FactField : public QWidget
{
    Q_OBJECT

public:
    // Label and note in the interface's pack language (ResultText::packText).
    FactField(const RulePack &pack, const Variable &variable, QWidget *parent = nullptr);

    const QString &variableId() const noexcept { return m_id; }
    FactEntry entry() const;
    void setEntry(const FactEntry &entry);
    void setErrors(const QStringList &errors);
    QStringList errors() const { return m_errors; }
    void setAsOf(const QDate &asOf);
    void setNeeded(bool needed);
    QWidget *focusTarget() const;
    // The unit, state and date are off the Tab path (value → next value); these reach them.
    bool focusUnit();
    bool focusStatus();
    void focusDate();
    QWidget *unitWidget() const;
    QWidget *statusWidget() const;
    QWidget *dateWidget() const;
    // The unit offered while the fact has none of its own (the site's or the jurisdiction's
    // convention), from the next setEntry(); a value entered keeps the unit it was entered in.
    void setDefaultUnit(const QString &unit);
    QString shownUnit() const; // the unit the combo shows (normalised)
    // Accepted units in which the typed value would be plausible while it is not in the chosen
    // one ("did you mean mg/dL?"); empty when the value is plausible or cannot tell.
    QStringList unitSuggestions() const;

    // Display form of a unit string ("umol/L" -> "µmol/L").
    static QString displayUnit(const QString &unit);

Q_SIGNALS:
    void edited(const QString &variable, const consilium::FactEntry &entry);

protected:
    void changeEvent(QEvent *event) override;

private:
    void emitEdited();
    void updateInfo();
    void showErrors();
    void retranslate();
    bool numeric() const noexcept;

    const RulePack &m_pack;
    const Variable &m_var;
    QString m_id;
    QString m_labelText; // m_var.label in the pack language
    QString m_noteText; // m_var.note in the pack language
    QLabel *m_label = nullptr;
    QLineEdit *m_value = nullptr; // numbers
    QComboBox *m_choice = nullptr; // enum and bool
    QComboBox *m_unit = nullptr;
    QComboBox *m_status = nullptr; // numbers: value / not evaluated / unknown
    QLineEdit *m_date = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_error = nullptr;
    QStringList m_errors;
    QString m_defaultUnit;
    QDate m_asOf;
    bool m_bare = false;
    bool m_updating = false;
};

} // namespace consilium
