// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/CaseEditor.h"

#include "common/Labels.h"
#include "editor/CaseDocument.h"
#include "editor/EditCommands.h"
#include "editor/FactField.h"
#include "editor/MedicationModel.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QShortcut>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>
#include <set>

namespace consilium {

namespace {

const QStringList kGroupOrder
    = { QStringLiteral("demographics"), QStringLiteral("disease"), QStringLiteral("organ_function"),
          QStringLiteral("labs"), QStringLiteral("serology"), QStringLiteral("history"), QStringLiteral("logistics") };

// Groups measured together, usually on one day: one date for the panel, entered once.
const QStringList kPanelGroups
    = { QStringLiteral("organ_function"), QStringLiteral("labs"), QStringLiteral("serology") };

bool isEnter(const QKeyEvent *e)
{
    return (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)
        && (e->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
}

void showErrors(QLabel *label, const QStringList &errors)
{
    label->setText(errors.isEmpty() ? QString() : QStringLiteral("⚠ ") + errors.join(QStringLiteral("\n⚠ ")));
    label->setVisible(!errors.isEmpty());
}

} // namespace

QLabel *CaseEditor::errorLabel(const QString &name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #c62828;"));
    l->hide();
    return l;
}

CaseEditor::CaseEditor(CaseDocument *doc, QUndoStack *undo, QWidget *parent) : QWidget(parent), m_doc(doc), m_undo(undo)
{
    setObjectName(QStringLiteral("caseEditor"));
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(buildMeta());

    // Groups in the order a clinician fills them; medications after the labs.
    m_convention = unitConvention();
    QStringList groups = kGroupOrder;
    for (const Variable &v : doc->pack().variables()) {
        if (!groups.contains(v.group))
            groups << v.group;
    }
    for (const QString &g : std::as_const(groups)) {
        auto *box = new QGroupBox(content);
        box->setObjectName(QStringLiteral("group_") + g);
        auto *lay = new QVBoxLayout(box);
        lay->setSpacing(2);
        const bool hasFields = std::any_of(doc->pack().variables().begin(), doc->pack().variables().end(),
            [&g](const Variable &v) { return v.group == g; });
        if (hasFields && kPanelGroups.contains(g))
            lay->addLayout(buildPanelDate(g, box));
        for (const Variable &v : doc->pack().variables()) {
            if (v.group != g)
                continue;
            addField(v, g, box, lay);
        }
        if (!hasFields) {
            delete box;
            continue;
        }
        m_groups.insert(g, box);
        column->addWidget(box);
        if (g == QLatin1String("labs") || (g == groups.last() && !m_medsBox)) {
            column->addWidget(buildMedications());
            column->addWidget(buildFailed());
        }
    }
    if (!m_medsBox) {
        column->addWidget(buildMedications());
        column->addWidget(buildFailed());
    }
    column->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("editorScroll"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connectDocument();
    syncPanelDates();
    syncMeta();
    syncFailed();
    retranslate();

    // Keyboard: from a value, the unit, state and date of the same fact.
    const std::pair<QKeySequence, int> keys[] = { { QKeySequence(Qt::ALT | Qt::Key_U), 0 },
        { QKeySequence(Qt::ALT | Qt::Key_S), 1 }, { QKeySequence(Qt::ALT | Qt::Key_W), 2 } };
    for (const auto &[key, part] : keys) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, part = part] {
            FactField *f = fieldOf(QApplication::focusWidget());
            if (!f)
                return;
            if (part == 0)
                f->focusUnit();
            else if (part == 1)
                f->focusStatus();
            else
                f->focusDate();
        });
    }
}

// One fact's field in its group: Tab order, keys, and an undoable edit that takes the panel's date.
void CaseEditor::addField(const Variable &v, const QString &g, QWidget *box, QVBoxLayout *lay)
{
    auto *f = new FactField(m_doc->pack(), v, box);
    f->setDefaultUnit(v.defaultUnit(unitConvention()));
    f->setEntry(m_doc->fact(v.id));
    lay->addWidget(f);
    m_fields.insert(v.id, f);
    m_editable << f;
    m_chain << f->focusTarget();
    f->focusTarget()->installEventFilter(this);
    for (QWidget *w : { f->unitWidget(), f->statusWidget(), f->dateWidget() }) {
        if (w)
            w->installEventFilter(this);
    }
    connect(f, &FactField::edited, this, [this, g](const QString &var, const FactEntry &entry) {
        const int vi = m_doc->pack().variableIndex(var);
        const QString label = vi >= 0 ? m_doc->pack().variables()[std::size_t(vi)].label : var;
        const FactEntry before = m_doc->fact(var);
        FactEntry e = entry;
        // A value entered for the first time in a panel takes the panel's date.
        const QString panel = m_panelDate.value(g);
        if (!panel.isEmpty() && e.date.isEmpty() && before.date.isEmpty()
            && (before.state == FactEntry::State::Absent
                || (before.state == FactEntry::State::Value && before.text.trimmed().isEmpty()))
            && e.state != FactEntry::State::Absent)
            e.date = panel;
        m_undo->push(new SetFactCommand(m_doc, var, before, e, label));
    });
}

// The form follows the document: an undo, a reload or another view's edit shows here.
void CaseEditor::connectDocument()
{
    connect(m_doc, &CaseDocument::factChanged, this, [this](const QString &var) {
        if (FactField *f = m_fields.value(var))
            f->setEntry(m_doc->fact(var));
    });
    connect(m_doc, &CaseDocument::metaChanged, this, &CaseEditor::syncMeta);
    connect(m_doc, &CaseDocument::failedChanged, this, &CaseEditor::syncFailed);
    connect(m_doc, &CaseDocument::medicationsChanged, this, [this] {
        const QSignalBlocker block(m_medsRecorded);
        m_medsRecorded->setChecked(m_doc->medicationsRecorded());
    });
    connect(m_doc, &CaseDocument::reloaded, this, [this] {
        for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it)
            (*it)->setEntry(m_doc->fact(it.key()));
        syncPanelDates();
        syncMeta();
        syncFailed();
        const QSignalBlocker block(m_medsRecorded);
        m_medsRecorded->setChecked(m_doc->medicationsRecorded());
    });
}

FactField *CaseEditor::fieldOf(QWidget *w) const
{
    for (QWidget *p = w; p && p != this; p = p->parentWidget()) {
        if (auto *f = qobject_cast<FactField *>(p))
            return f;
    }
    return nullptr;
}

QLayout *CaseEditor::buildPanelDate(const QString &group, QWidget *box)
{
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(box);
    label->setObjectName(QStringLiteral("panelDateLabel_") + group);
    auto *edit = new QLineEdit(box);
    edit->setObjectName(QStringLiteral("panelDate_") + group);
    edit->setFixedWidth(100);
    edit->setMaxLength(10);
    label->setBuddy(edit);
    row->addWidget(label);
    row->addWidget(edit);
    row->addStretch(1);
    m_panelDates.insert(group, edit);
    m_editable << edit;
    m_chain << edit;
    edit->installEventFilter(this);
    connect(edit, &QLineEdit::editingFinished, this, [this, group] { applyPanelDate(group); });
    return row;
}

void CaseEditor::applyPanelDate(const QString &group)
{
    QLineEdit *edit = m_panelDates.value(group);
    const QString text = edit->text().trimmed();
    const QString previous = m_panelDate.value(group);
    if (!text.isEmpty() && !parseIsoDate(text)) {
        const QString problem = tr("\"%1\" is not a valid date (YYYY-MM-DD); the values keep their dates.").arg(text);
        edit->setStyleSheet(QStringLiteral("border: 2px solid #c62828;"));
        edit->setToolTip(problem);
        edit->setAccessibleDescription(problem);
        return;
    }
    edit->setStyleSheet(QString());
    edit->setToolTip(tr("Date of these results (YYYY-MM-DD): every value of the panel without a date of its own"
                        " takes it"));
    edit->setAccessibleDescription(QString());
    if (text == previous)
        return;
    m_panelDate.insert(group, text);
    if (text.isEmpty())
        return; // values keep the date they have
    // Values without a date of their own (or with the panel's previous date) take the new one.
    bool started = false;
    for (const Variable &v : m_doc->pack().variables()) {
        if (v.group != group)
            continue;
        const FactEntry before = m_doc->fact(v.id);
        if (before.state == FactEntry::State::Absent || (!before.date.isEmpty() && before.date != previous))
            continue;
        FactEntry after = before;
        after.date = text;
        if (after == before)
            continue;
        if (!started) {
            m_undo->beginMacro(tr("Date %1 for %2").arg(text, Labels::variableGroup(group)));
            started = true;
        }
        m_undo->push(new SetFactCommand(m_doc, v.id, before, after, v.label));
    }
    if (started)
        m_undo->endMacro();
}

void CaseEditor::syncPanelDates()
{
    // A loaded case: the panel shows the date its dated values share, if they share one.
    for (auto it = m_panelDates.constBegin(); it != m_panelDates.constEnd(); ++it) {
        QSet<QString> dates;
        for (const Variable &v : m_doc->pack().variables()) {
            const FactEntry e = m_doc->fact(v.id);
            if (v.group == it.key() && e.state != FactEntry::State::Absent && !e.date.isEmpty())
                dates.insert(e.date);
        }
        const QString shared = dates.size() == 1 ? *dates.begin() : QString();
        m_panelDate.insert(it.key(), shared);
        (*it)->setText(shared);
        (*it)->setStyleSheet(QString());
    }
}

bool CaseEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    auto *w = qobject_cast<QWidget *>(watched);
    if (!w || !isEnter(key))
        return QWidget::eventFilter(watched, event);
    // Enter goes on to where typing is needed: from a value (or a panel date) to the next value;
    // from a unit, state or date back to its value while that is still empty, else onwards.
    qsizetype at = m_chain.indexOf(w);
    if (at < 0) {
        FactField *f = fieldOf(w);
        if (!f)
            return QWidget::eventFilter(watched, event);
        const FactEntry e = f->entry();
        if (e.state == FactEntry::State::Absent && e.text.trimmed().isEmpty() && f->focusTarget()->isEnabled()) {
            f->focusTarget()->setFocus(Qt::TabFocusReason);
            return true;
        }
        at = m_chain.indexOf(f->focusTarget());
    } else if (auto *edit = qobject_cast<QLineEdit *>(w); edit && !m_panelDates.key(edit).isEmpty()) {
        applyPanelDate(m_panelDates.key(edit));
    }
    for (qsizetype next = at + 1; next < m_chain.size(); ++next) {
        QWidget *target = m_chain.at(next);
        if (target->isEnabled()) {
            target->setFocus(Qt::TabFocusReason);
            if (auto *edit = qobject_cast<QLineEdit *>(target))
                edit->selectAll();
            return true;
        }
    }
    return true;
}

QWidget *CaseEditor::buildMeta()
{
    auto *box = new QGroupBox(this);
    box->setObjectName(QStringLiteral("group_case"));
    auto *form = new QFormLayout(box);
    m_id = new QLineEdit(box);
    m_id->setObjectName(QStringLiteral("meta_id"));
    m_label = new QLineEdit(box);
    m_label->setObjectName(QStringLiteral("meta_label"));
    // The as-of date is typed as text and checked by the case reader, so an impossible date
    // ("2026-11-31") is refused with a message naming the field instead of being silently
    // moved to another day, as a date spin box would. The calendar button picks a date.
    m_asOf = new QLineEdit(box);
    m_asOf->setObjectName(QStringLiteral("meta_asOf"));
    m_asOf->setMaxLength(10);
    auto *calendarButton = new QToolButton(box);
    calendarButton->setObjectName(QStringLiteral("meta_asOfCalendar"));
    calendarButton->setText(QStringLiteral("▾"));
    calendarButton->setPopupMode(QToolButton::InstantPopup);
    calendarButton->setFocusPolicy(Qt::ClickFocus);
    auto *calendarMenu = new QMenu(calendarButton);
    m_asOfCalendar = new QCalendarWidget(calendarMenu);
    auto *calendarAction = new QWidgetAction(calendarMenu);
    calendarAction->setDefaultWidget(m_asOfCalendar);
    calendarMenu->addAction(calendarAction);
    calendarButton->setMenu(calendarMenu);
    connect(calendarMenu, &QMenu::aboutToShow, this, [this] {
        if (m_doc->asOf().isValid())
            m_asOfCalendar->setSelectedDate(m_doc->asOf());
    });
    auto *asOfRow = new QHBoxLayout;
    asOfRow->setContentsMargins(0, 0, 0, 0);
    asOfRow->addWidget(m_asOf);
    asOfRow->addWidget(calendarButton);
    asOfRow->addStretch(1);
    m_editable << calendarButton;
    m_jurisdiction = new QComboBox(box);
    m_jurisdiction->setObjectName(QStringLiteral("meta_jurisdiction"));
    for (const QString &j : m_doc->pack().jurisdictions())
        m_jurisdiction->addItem(Labels::jurisdiction(j), j);
    m_metaErrors = errorLabel(QStringLiteral("metaErrors"), box);
    form->addRow(QStringLiteral("id"), m_id);
    form->addRow(QStringLiteral("label"), m_label);
    m_asOfLabel = new QLabel(box);
    m_asOfLabel->setBuddy(m_asOf); // a row holding a layout gets no buddy from the form
    form->addRow(m_asOfLabel, asOfRow);
    form->addRow(QStringLiteral("jurisdiction"), m_jurisdiction);
    form->addRow(m_metaErrors);
    m_editable << m_id << m_label << m_asOf << m_jurisdiction;
    m_chain << m_id << m_label << m_asOf << m_jurisdiction;
    for (QWidget *w : std::initializer_list<QWidget *> { m_id, m_label, m_asOf, m_jurisdiction })
        w->installEventFilter(this);

    auto push = [this](const char *key, const QString &value) {
        if (m_syncing)
            return;
        const QString k = QLatin1String(key);
        if (m_doc->meta(k) != value)
            m_undo->push(new SetMetaCommand(m_doc, k, m_doc->meta(k), value));
    };
    connect(m_id, &QLineEdit::textEdited, this, [push](const QString &t) { push("id", t.trimmed()); });
    connect(m_label, &QLineEdit::textEdited, this, [push](const QString &t) { push("label", t); });
    connect(m_asOf, &QLineEdit::textEdited, this, [push](const QString &t) { push("as_of", t.trimmed()); });
    connect(m_asOfCalendar, &QCalendarWidget::clicked, this, [push, calendarMenu](const QDate &d) {
        calendarMenu->close();
        push("as_of", d.toString(Qt::ISODate));
    });
    connect(m_jurisdiction, &QComboBox::activated, this,
        [this, push] { push("jurisdiction", m_jurisdiction->currentData().toString()); });
    return box;
}

void CaseEditor::syncMeta()
{
    m_syncing = true;
    if (m_id->text() != m_doc->caseId())
        m_id->setText(m_doc->caseId());
    if (m_label->text() != m_doc->meta(QStringLiteral("label")))
        m_label->setText(m_doc->meta(QStringLiteral("label")));
    if (m_asOf->text() != m_doc->meta(QStringLiteral("as_of")))
        m_asOf->setText(m_doc->meta(QStringLiteral("as_of")));
    m_jurisdiction->setCurrentIndex(qMax(0, m_jurisdiction->findData(m_doc->meta(QStringLiteral("jurisdiction")))));
    for (FactField *f : std::as_const(m_fields))
        f->setAsOf(m_doc->asOf());
    m_syncing = false;
    applyUnitConvention();
}

QString CaseEditor::unitConvention() const
{
    const QString site = AppSettings::unitConvention();
    return site.isEmpty() ? m_doc->meta(QStringLiteral("jurisdiction")) : site;
}

void CaseEditor::applyUnitConvention()
{
    const QString convention = unitConvention();
    if (convention == m_convention)
        return;
    m_convention = convention;
    for (const Variable &v : m_doc->pack().variables()) {
        if (FactField *f = m_fields.value(v.id)) {
            f->setDefaultUnit(v.defaultUnit(convention));
            f->setEntry(m_doc->fact(v.id));
        }
    }
}

void CaseEditor::applyValidation(const CaseValidation &v)
{
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        const auto e = v.factErrors.find(it.key());
        (*it)->setErrors(e == v.factErrors.end() ? QStringList() : e->second);
    }
    // Errors for facts the form has no field for (a key the pack does not know).
    QStringList unknownFacts;
    for (const auto &[key, errors] : v.factErrors) {
        if (!m_fields.contains(key))
            unknownFacts << key + QStringLiteral(": ") + errors.join(QStringLiteral("; "));
    }
    // The reader names fields by their JSON path ("$.as_of: ..."): name them as the form does.
    const std::pair<QString, QWidget *> metaFields[]
        = { { QStringLiteral("$.id"), m_id }, { QStringLiteral("$.label"), m_label },
              { QStringLiteral("$.as_of"), m_asOf }, { QStringLiteral("$.jurisdiction"), m_jurisdiction } };
    QStringList meta;
    QSet<QWidget *> bad;
    for (const json::Finding &f : v.metaErrors) {
        QString shown = f.text();
        for (const auto &[path, widget] : metaFields) {
            if (f.path == path) {
                shown = widget->accessibleName() + QStringLiteral(": ") + f.message;
                bad.insert(widget);
            }
        }
        meta << shown;
    }
    for (const auto &[path, widget] : metaFields)
        widget->setStyleSheet(bad.contains(widget) ? QStringLiteral("border: 2px solid #c62828;") : QString());
    showErrors(m_metaErrors, meta + unknownFacts);
    m_medModel->setErrors(v.medicationErrors);
    QStringList meds;
    for (const auto &[row, errors] : v.medicationErrors)
        meds << tr("Row %1: %2").arg(row + 1).arg(errors.join(QStringLiteral("; ")));
    showErrors(m_medErrors, meds);
    showErrors(m_failedErrors, v.failedErrors);
}

void CaseEditor::applyEvaluation(const Evaluation *e)
{
    QHash<QString, QString> washout;
    std::set<QString> needed;
    if (e) {
        for (const WashoutEntry &w : e->washout())
            washout.insert(w.key, w.end ? w.end->toString(Qt::ISODate) : tr("unknown"));
        for (const GroupResult &g : e->groups()) {
            for (const QString &in : g.missingInputs)
                needed.insert(in);
            for (const QString &in : g.cautionMissingInputs)
                needed.insert(in);
        }
    }
    m_medModel->setWashout(washout);
    m_needed.clear();
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        const bool need = needed.count(it.key()) > 0;
        (*it)->setNeeded(need);
        if (need) {
            const int vi = m_doc->pack().variableIndex(it.key());
            ++m_needed[m_doc->pack().variables()[std::size_t(vi)].group];
        }
    }
    retranslate();
}

void CaseEditor::setReadOnly(bool readOnly)
{
    for (QWidget *w : std::as_const(m_editable))
        w->setEnabled(!readOnly);
}

void CaseEditor::retranslate()
{
    for (auto it = m_groups.constBegin(); it != m_groups.constEnd(); ++it) {
        const int n = m_needed.value(it.key());
        const QString name = Labels::variableGroup(it.key());
        (*it)->setTitle(n > 0 ? tr("%1 · %n still needed by the arms", nullptr, n).arg(name) : name);
    }
    for (auto it = m_panelDates.constBegin(); it != m_panelDates.constEnd(); ++it) {
        if (auto *l = findChild<QLabel *>(QStringLiteral("panelDateLabel_") + it.key()))
            l->setText(tr("Date of these results:"));
        (*it)->setPlaceholderText(tr("YYYY-MM-DD"));
        (*it)->setAccessibleName(tr("Date of the %1 results").arg(Labels::variableGroup(it.key())));
        if ((*it)->styleSheet().isEmpty())
            (*it)->setToolTip(tr("Date of these results (YYYY-MM-DD): every value of the panel without a date of its"
                                 " own takes it"));
    }
    m_medsBox->setTitle(tr("Medications"));
    m_medsRecorded->setText(tr("Medication list recorded (an empty list means no medications)"));
    m_medsRecorded->setAccessibleName(tr("Medication list recorded"));
    m_meds->setAccessibleName(tr("Medications"));
    m_failedBox->setTitle(tr("Failed therapies"));
    m_failedRecorded->setText(tr("Prior therapies recorded"));
    m_failed->setPlaceholderText(tr("drug names, separated by commas (e.g. Rituximab, Cyclophosphamide)"));
    m_failed->setAccessibleName(tr("Failed therapies"));
    for (QPushButton *b : m_medsBox->findChildren<QPushButton *>()) {
        if (b->objectName() == QLatin1String("addMedication"))
            b->setText(tr("&Add medication"));
        else
            b->setText(tr("&Remove medication"));
    }
    auto *form = qobject_cast<QFormLayout *>(m_id->parentWidget()->layout());
    if (form) {
        const std::pair<QWidget *, QString> rows[] = { { m_id, tr("Case &id") }, { m_label, tr("&Label") },
            { m_asOf, tr("&As of") }, { m_jurisdiction, tr("&Jurisdiction") } };
        for (const auto &[w, text] : rows) {
            if (auto *l = qobject_cast<QLabel *>(form->labelForField(w)))
                l->setText(text);
            w->setAccessibleName(QString(text).remove(QLatin1Char('&')));
        }
        m_asOfLabel->setText(tr("&As of"));
        m_asOf->setPlaceholderText(tr("YYYY-MM-DD"));
        m_asOf->setToolTip(tr("The date the case is evaluated at (YYYY-MM-DD)"));
        if (auto *calendar = findChild<QToolButton *>(QStringLiteral("meta_asOfCalendar"))) {
            calendar->setToolTip(tr("Choose the as-of date in a calendar"));
            calendar->setAccessibleName(tr("Calendar for the as-of date"));
        }
    }
    if (auto *box = qobject_cast<QGroupBox *>(m_id->parentWidget()))
        box->setTitle(tr("Case"));
}

void CaseEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace consilium
