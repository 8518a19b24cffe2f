// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/FactField.h"

#include "common/Labels.h"
#include "compare/ResultText.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

namespace consilium {

namespace {

const QString kAbsentState = QStringLiteral("@absent");
const QString kNotEvaluatedState = QStringLiteral("@not_evaluated");
const QString kUnknownState = QStringLiteral("@unknown");

} // namespace

QString FactField::displayUnit(const QString &unit)
{
    QString u = unit;
    if (u.startsWith(QLatin1Char('u')))
        u.replace(0, 1, QStringLiteral("µ"));
    u.replace(QStringLiteral("/uL"), QStringLiteral("/µL"));
    u.replace(QStringLiteral("10^9"), QStringLiteral("10⁹"));
    u.replace(QStringLiteral("10^3"), QStringLiteral("10³"));
    u.replace(QStringLiteral("xULN"), QStringLiteral("× ULN"));
    u.replace(QStringLiteral("1.73m2"), QStringLiteral("1.73 m²"));
    return u;
}

FactField::FactField(const RulePack &pack, const Variable &variable, QWidget *parent)
    : QWidget(parent)
    , m_pack(pack)
    , m_var(variable)
    , m_id(variable.id)
    , m_labelText(ResultText::packText(pack, textKey(u"variable", variable.id, u"label"), variable.label))
    , m_noteText(ResultText::packText(pack, textKey(u"variable", variable.id, u"note"), variable.note))
    , m_defaultUnit(variable.unit)
{
    setObjectName(QStringLiteral("fact_") + m_id);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 1, 0, 1);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(1);
    m_label = new QLabel(m_labelText, this);
    m_label->setMinimumWidth(220);
    m_label->setWordWrap(true);
    if (!m_noteText.isEmpty())
        m_label->setToolTip(m_noteText);
    grid->addWidget(m_label, 0, 0);
    QWidget *editor = nullptr;
    if (numeric()) {
        m_value = new QLineEdit(this);
        m_value->setObjectName(QStringLiteral("value_") + m_id);
        m_value->setFixedWidth(110);
        m_value->setAccessibleName(m_labelText);
        editor = m_value;
        m_unit = new QComboBox(this);
        m_unit->setObjectName(QStringLiteral("unit_") + m_id);
        m_unit->setFixedWidth(110);
        m_unit->setAccessibleName(tr("Unit of %1").arg(m_labelText));
        for (const UnitConversion &u : m_var.units)
            m_unit->addItem(displayUnit(u.unit), u.unit);
        if (m_var.units.empty()) {
            m_unit->addItem(displayUnit(m_var.unit), QString());
            m_unit->setEnabled(false);
        }
        m_status = new QComboBox(this);
        m_status->setObjectName(QStringLiteral("status_") + m_id);
        m_status->setFixedWidth(130);
        m_status->setAccessibleName(tr("State of %1").arg(m_labelText));
        m_status->addItem(QString(), int(FactEntry::State::Value));
        m_status->addItem(QString(), int(FactEntry::State::NotEvaluated));
        m_status->addItem(QString(), int(FactEntry::State::Unknown));
        grid->addWidget(m_value, 0, 1);
        grid->addWidget(m_unit, 0, 2);
        grid->addWidget(m_status, 0, 3);
        connect(m_value, &QLineEdit::textEdited, this, &FactField::emitEdited);
        connect(m_unit, &QComboBox::activated, this, [this] {
            m_bare = false;
            emitEdited();
        });
        connect(m_status, &QComboBox::activated, this, &FactField::emitEdited);
    } else {
        m_choice = new QComboBox(this);
        m_choice->setObjectName(QStringLiteral("value_") + m_id);
        m_choice->setMinimumWidth(110 + 6 + 110);
        m_choice->setAccessibleName(m_labelText);
        editor = m_choice;
        grid->addWidget(m_choice, 0, 1, 1, 3);
        connect(m_choice, &QComboBox::activated, this, &FactField::emitEdited);
    }
    m_label->setBuddy(editor);
    m_date = new QLineEdit(this);
    m_date->setObjectName(QStringLiteral("date_") + m_id);
    // One keystroke per value: Tab and Enter go from value to value. The unit (shown before
    // typing), the state and the date are reached deliberately: a click, or Alt+U / Alt+S /
    // Alt+W from the value (CaseEditor).
    for (QWidget *w : std::initializer_list<QWidget *> { m_unit, m_status, m_date }) {
        if (w)
            w->setFocusPolicy(Qt::ClickFocus);
    }
    m_date->setFixedWidth(100);
    m_date->setAccessibleName(tr("Date of %1").arg(m_labelText));
    grid->addWidget(m_date, 0, 4);
    connect(m_date, &QLineEdit::textEdited, this, &FactField::emitEdited);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("canonical_") + m_id);
    m_info->setMinimumWidth(150);
    grid->addWidget(m_info, 0, 5);
    grid->setColumnStretch(5, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error_") + m_id);
    m_error->setWordWrap(true);
    m_error->hide();
    grid->addWidget(m_error, 1, 1, 1, 5);
    retranslate();
}

bool FactField::numeric() const noexcept
{
    return m_var.type == ValueType::Number || m_var.type == ValueType::Integer;
}

QWidget *FactField::focusTarget() const
{
    return m_value ? static_cast<QWidget *>(m_value) : m_choice;
}

QWidget *FactField::unitWidget() const
{
    return m_unit;
}

QWidget *FactField::statusWidget() const
{
    return m_status;
}

QWidget *FactField::dateWidget() const
{
    return m_date;
}

bool FactField::focusUnit()
{
    if (!m_unit || !m_unit->isEnabled())
        return false;
    m_unit->setFocus(Qt::ShortcutFocusReason);
    return true;
}

bool FactField::focusStatus()
{
    if (!m_status)
        return false;
    m_status->setFocus(Qt::ShortcutFocusReason);
    return true;
}

void FactField::focusDate()
{
    m_date->setFocus(Qt::ShortcutFocusReason);
    m_date->selectAll();
}

void FactField::retranslate()
{
    m_updating = true;
    // The variable's label and note follow the interface language too (resources/packs/FORMAT.md,
    // "Texts in more than one language").
    m_labelText = ResultText::packText(m_pack, textKey(u"variable", m_var.id, u"label"), m_var.label);
    m_noteText = ResultText::packText(m_pack, textKey(u"variable", m_var.id, u"note"), m_var.note);
    setNeeded(m_label->font().bold());
    m_date->setPlaceholderText(tr("date"));
    m_date->setToolTip(tr("Date of the measurement (YYYY-MM-DD), optional; from the value: Alt+W"));
    if (m_unit)
        m_unit->setToolTip(tr("Unit of the value; from the value: Alt+U"));
    if (m_status) {
        m_status->setToolTip(tr("A value, not evaluated or unknown; from the value: Alt+S"));
        m_status->setItemText(0, tr("value"));
        m_status->setItemText(1, Labels::notEvaluated());
        m_status->setItemText(2, Labels::unknown());
        m_value->setPlaceholderText(tr("unknown"));
    }
    if (m_choice) {
        const FactEntry e = entry();
        m_choice->clear();
        m_choice->addItem(QStringLiteral("—"), kAbsentState);
        if (m_var.type == ValueType::Bool) {
            m_choice->addItem(tr("yes"), QStringLiteral("true"));
            m_choice->addItem(tr("no"), QStringLiteral("false"));
        } else {
            for (const QString &v : m_var.values)
                m_choice->addItem(v, v);
        }
        m_choice->insertSeparator(m_choice->count());
        m_choice->addItem(Labels::notEvaluated(), kNotEvaluatedState);
        m_choice->addItem(tr("unknown (stated)"), kUnknownState);
        m_updating = false;
        setEntry(e);
    }
    m_updating = false;
}

void FactField::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

FactEntry FactField::entry() const
{
    FactEntry e;
    e.date = m_date->text().trimmed();
    if (m_choice) {
        const QString d = m_choice->currentData().toString();
        if (d == kNotEvaluatedState)
            e.state = FactEntry::State::NotEvaluated;
        else if (d == kUnknownState)
            e.state = FactEntry::State::Unknown;
        else if (d.isEmpty() || d == kAbsentState)
            e.state = FactEntry::State::Absent;
        else {
            e.state = FactEntry::State::Value;
            e.text = d;
        }
        return e;
    }
    e.state = FactEntry::State(m_status->currentData().toInt());
    e.text = m_value->text();
    e.unit = m_bare ? QString() : m_unit->currentData().toString();
    if (e.state == FactEntry::State::Value && e.text.trimmed().isEmpty())
        e.state = FactEntry::State::Absent;
    return e;
}

void FactField::setEntry(const FactEntry &e)
{
    if (m_updating)
        return;
    m_updating = true;
    if (m_date->text() != e.date)
        m_date->setText(e.date);
    if (m_choice) {
        QString key = kAbsentState;
        if (e.state == FactEntry::State::NotEvaluated)
            key = kNotEvaluatedState;
        else if (e.state == FactEntry::State::Unknown)
            key = kUnknownState;
        else if (e.state == FactEntry::State::Value)
            key = e.text;
        int i = m_choice->findData(key);
        if (i < 0 && e.state == FactEntry::State::Value) {
            m_choice->addItem(e.text, e.text); // not a value of the pack: the parser will say so
            i = m_choice->count() - 1;
        }
        m_choice->setCurrentIndex(qMax(0, i));
    } else {
        if (m_value->text() != e.text)
            m_value->setText(e.text);
        const FactEntry::State shown = e.state == FactEntry::State::Absent ? FactEntry::State::Value : e.state;
        m_status->setCurrentIndex(qMax(0, m_status->findData(int(shown))));
        m_value->setEnabled(shown == FactEntry::State::Value);
        m_bare = e.unit.isEmpty() && e.state == FactEntry::State::Value && !e.text.isEmpty();
        if (!e.unit.isEmpty()) {
            int i = m_unit->findData(e.unit);
            if (i < 0) {
                m_unit->addItem(displayUnit(e.unit), e.unit); // the parser names it as unknown
                i = m_unit->count() - 1;
            }
            m_unit->setCurrentIndex(i);
        } else if (!m_var.units.empty()) {
            // A bare number is read in the canonical unit: show that; otherwise the convention.
            const QString shownUnit = m_bare ? m_var.unit : m_defaultUnit;
            int i = m_unit->findData(shownUnit);
            if (i < 0)
                i = m_unit->findData(m_var.unit);
            m_unit->setCurrentIndex(qMax(0, i));
        }
    }
    m_updating = false;
    updateInfo();
}

void FactField::emitEdited()
{
    if (m_updating)
        return;
    if (m_status)
        m_value->setEnabled(m_status->currentData().toInt() == int(FactEntry::State::Value));
    updateInfo();
    Q_EMIT edited(m_id, entry());
}

void FactField::setDefaultUnit(const QString &unit)
{
    m_defaultUnit = unit; // shown by the next setEntry() of an entry without a unit
}

QString FactField::shownUnit() const
{
    return m_unit ? m_unit->currentData().toString() : QString();
}

QStringList FactField::unitSuggestions() const
{
    QStringList out;
    if (!numeric() || !m_var.hasRange || m_bare)
        return out;
    const FactEntry e = entry();
    if (e.state != FactEntry::State::Value || e.unit.isEmpty())
        return out;
    const std::optional<double> parsed = CaseDocument::parseNumber(e.text);
    const UnitConversion *chosen = m_var.findUnit(normaliseUnit(e.unit));
    if (!parsed.has_value() || !chosen)
        return out;
    const double v = parsed.value();
    auto plausible = [this](double canonical) { return canonical >= m_var.rangeMin && canonical <= m_var.rangeMax; };
    if (plausible(chosen->toCanonical(v)))
        return out;
    // The pack's plausibility range decides; the application adds no clinical numbers.
    for (const UnitConversion &u : m_var.units) {
        if (&u != chosen && plausible(u.toCanonical(v)))
            out << displayUnit(u.unit);
    }
    return out;
}

void FactField::setAsOf(const QDate &asOf)
{
    m_asOf = asOf;
    updateInfo();
}

void FactField::setNeeded(bool needed)
{
    QFont f = m_label->font();
    f.setBold(needed);
    m_label->setFont(f);
    m_label->setText(needed ? m_labelText + QStringLiteral(" ●") : m_labelText);
    m_label->setAccessibleDescription(needed ? tr("needed by an arm") : QString());
    m_label->setToolTip(
        needed ? tr("Needed to settle an arm's verdict") + QStringLiteral("\n") + m_noteText : m_noteText);
}

void FactField::updateInfo()
{
    QStringList parts;
    const FactEntry e = entry();
    if (numeric() && e.state == FactEntry::State::Value) {
        const auto v = CaseDocument::parseNumber(e.text);
        const UnitConversion *conv = e.unit.isEmpty() ? nullptr : m_var.findUnit(normaliseUnit(e.unit));
        if (v && conv && e.unit != m_var.unit) {
            parts << QStringLiteral("= %1 %2").arg(
                formatDecimal(conv->toCanonical(*v), qMax(1, m_var.decimals + 1)), displayUnit(m_var.unit));
        }
    }
    if (!e.date.isEmpty() && m_asOf.isValid()) {
        if (const auto d = parseIsoDate(e.date)) {
            const qint64 days = d->daysTo(m_asOf);
            parts << (days >= 0 ? tr("%n day(s) before as-of", nullptr, int(days))
                                : tr("%n day(s) after as-of", nullptr, int(-days)));
        }
    }
    m_info->setText(parts.join(QStringLiteral(" · ")));
    if (!m_errors.isEmpty())
        showErrors(); // the unit suggestion follows the value and the unit
}

void FactField::setErrors(const QStringList &errors)
{
    if (errors == m_errors)
        return;
    m_errors = errors;
    showErrors();
}

void FactField::showErrors()
{
    const QStringList &errors = m_errors;
    QWidget *editor = focusTarget();
    if (errors.isEmpty()) {
        m_error->hide();
        m_error->clear();
        editor->setStyleSheet(QString());
        editor->setAccessibleDescription(QString());
        return;
    }
    QString text = QStringLiteral("⚠ ") + errors.join(QStringLiteral("; "));
    const QStringList suggestions = unitSuggestions();
    if (!suggestions.isEmpty())
        text += QStringLiteral(" — ") + tr("did you mean %1?").arg(suggestions.join(tr(" or ")));
    m_error->setText(text);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->show();
    editor->setStyleSheet(QStringLiteral("border: 2px solid #c62828;"));
    editor->setAccessibleDescription(text);
}

} // namespace consilium
