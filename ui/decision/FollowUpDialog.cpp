// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/FollowUpDialog.h"

#include "common/Labels.h"
#include "common/Session.h"
#include "compare/ResultText.h"
#include "decision/FollowUpText.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace consilium {

namespace {

// The pack the decision was made under (its arms and options); the active pack when the
// decision's is not stored or no longer loads.
std::shared_ptr<const RulePack> decisionPack(Session &session, const Decision &d)
{
    if (d.packSha256 == session.pack().sha256())
        return session.packPtr();
    if (const auto bytes = session.store().packContent(d.packSha256)) {
        json::Diagnostics diag;
        if (std::shared_ptr<const RulePack> pack = RulePack::load(bytes.value(), diag))
            return pack;
    }
    return session.packPtr();
}

QStringList armOptionData(const QString &arm, const QString &option)
{
    return { arm, option };
}

// The dialog's name of a field the store names by its JSON path (docs/store.md#follow-up-json).
QString fieldLabel(const QString &field)
{
    static const std::pair<const char *, const char *> names[] = {
        { "treated_on", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Treatment date") },
        { "arm", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Arm or option") },
        { "option", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Arm or option") },
        { "lot_or_trial_id", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Lot or trial id") },
        { "lymphodepletion", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Lymphodepletion") },
        { "reason", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Reason") },
        { "reason_text", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Details") },
        { "outcomes", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Outcomes") },
        { "day", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "time point") },
        { "assessed_on", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Assessed on") },
        { "crs.grade", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "CRS grade") },
        { "crs.onset", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "CRS onset") },
        { "crs.resolved", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "CRS resolved") },
        { "icans.grade", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "ICANS grade") },
        { "icans.onset", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "ICANS onset") },
        { "icans.resolved", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "ICANS resolved") },
        { "icaht_grade", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "ICAHT grade") },
        { "infection_text", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Infection (free text)") },
        { "response", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Response") },
        { "death_date", QT_TRANSLATE_NOOP("consilium::FollowUpDialog", "Date of death") },
    };
    for (const auto &[path, text] : names) {
        if (field == QLatin1String(path))
            return FollowUpDialog::tr(text);
    }
    return field;
}

// "$.outcomes[0].crs.grade: 7 is not …" → "Day 28 · CRS grade: 7 is not …" (the store's reason kept).
QString readableProblem(const QString &line, const FollowUp &f)
{
    static const QRegularExpression path(QStringLiteral("^\\$\\.([a-z_]+)(?:\\[(\\d+)\\])?(?:\\.([a-z_.]+))?: (.*)$"));
    const QRegularExpressionMatch m = path.match(line);
    if (!m.hasMatch())
        return line;
    QString where = fieldLabel(m.captured(1));
    if (!m.captured(2).isEmpty()) {
        const std::size_t i = m.captured(2).toULongLong();
        where = FollowUpDialog::tr("Day %1").arg(i < f.outcomes.size() ? f.outcomes[i].day : 0);
        if (!m.captured(3).isEmpty())
            where += QStringLiteral(" · ") + fieldLabel(m.captured(3));
    }
    return where + QStringLiteral(": ") + m.captured(4);
}

} // namespace

FollowUpDialog::FollowUpDialog(Session &session, const Decision &decision, QWidget *parent)
    : QDialog(parent), m_session(session), m_decision(decision), m_pack(decisionPack(session, decision))
{
    setObjectName(QStringLiteral("followUpDialog"));
    build();
    retranslate();
    auto latest = m_session.followUps().latest(m_decision.id);
    if (!latest)
        showErrors({ latest.error().message });
    else if (latest.value())
        load(*latest.value());
    else
        m_armOption->setCurrentIndex(qMax(0, m_armOption->findData(armOptionData(m_decision.chosenArm, {}))));
    m_latest = latest ? latest.value() : std::nullopt;
    updateEnabled();
}

FollowUpDialog::~FollowUpDialog() = default;

void FollowUpDialog::build()
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("followUpHeader"));
    m_header->setWordWrap(true);
    m_carried = new QRadioButton(this);
    m_carried->setObjectName(QStringLiteral("carriedOut"));
    m_notCarried = new QRadioButton(this);
    m_notCarried->setObjectName(QStringLiteral("notCarriedOut"));
    auto *group = new QButtonGroup(this); // exclusive; neither is chosen until the user chooses
    group->addButton(m_carried);
    group->addButton(m_notCarried);
    auto *status = new QHBoxLayout;
    status->addWidget(m_carried);
    status->addWidget(m_notCarried);
    status->addStretch(1);
    buildCarriedOut();
    buildNotCarriedOut();
    m_outcomes = new QTabWidget(this);
    m_outcomes->setObjectName(QStringLiteral("outcomeTabs"));
    for (int day : FollowUps::outcomeDays()) {
        m_days.push_back(new FollowUpOutcomeForm(day, m_outcomes));
        m_outcomes->addTab(m_days.back(), QString());
    }
    m_errors = new QLabel(this);
    m_errors->setObjectName(QStringLiteral("followUpErrors"));
    m_errors->setWordWrap(true);
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setStyleSheet(QStringLiteral("QLabel { color: #8a1c00; font-weight: bold; }"));
    m_errors->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveFollowUp"));
    buttons->button(QDialogButtonBox::Save)->setEnabled(m_session.store().isWriter());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(status);
    auto *statusBoxes = new QHBoxLayout;
    statusBoxes->addWidget(m_carriedBox, 3);
    statusBoxes->addWidget(m_notCarriedBox, 2);
    layout->addLayout(statusBoxes);
    layout->addWidget(m_outcomes, 1);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);
    connect(m_carried, &QRadioButton::toggled, this, &FollowUpDialog::updateEnabled);
    connect(m_notCarried, &QRadioButton::toggled, this, &FollowUpDialog::updateEnabled);
    connect(buttons, &QDialogButtonBox::accepted, this, &FollowUpDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 620);
}

void FollowUpDialog::buildCarriedOut()
{
    m_carriedBox = new QGroupBox(this);
    m_carriedBox->setObjectName(QStringLiteral("carriedOutBox"));
    m_treatedOn = new QLineEdit(m_carriedBox);
    m_treatedOn->setObjectName(QStringLiteral("treatedOn"));
    m_treatedOn->setMaxLength(10);
    m_armOption = new QComboBox(m_carriedBox);
    m_armOption->setObjectName(QStringLiteral("armOption"));
    m_lot = new QLineEdit(m_carriedBox);
    m_lot->setObjectName(QStringLiteral("lotOrTrialId"));
    m_lymphodepletion = new QComboBox(m_carriedBox);
    m_lymphodepletion->setObjectName(QStringLiteral("lymphodepletion"));
    m_lymphodepletion->setEditable(true); // a regimen of the pack, or free text
    auto *form = new QFormLayout(m_carriedBox);
    for (QWidget *w : std::initializer_list<QWidget *> { m_treatedOn, m_armOption, m_lot, m_lymphodepletion })
        form->addRow(new QLabel(m_carriedBox), w);
}

void FollowUpDialog::buildNotCarriedOut()
{
    m_notCarriedBox = new QGroupBox(this);
    m_notCarriedBox->setObjectName(QStringLiteral("notCarriedOutBox"));
    m_reason = new QComboBox(m_notCarriedBox);
    m_reason->setObjectName(QStringLiteral("notCarriedReason"));
    m_reasonText = new QLineEdit(m_notCarriedBox);
    m_reasonText->setObjectName(QStringLiteral("notCarriedText"));
    auto *form = new QFormLayout(m_notCarriedBox);
    form->addRow(new QLabel(m_notCarriedBox), m_reason);
    form->addRow(new QLabel(m_notCarriedBox), m_reasonText);
}

void FollowUpDialog::retranslate()
{
    setWindowTitle(tr("Follow-up of decision #%1").arg(m_decision.id));
    m_header->setText(
        tr("Decision #%1 on case %2: %3 · finalised %4 by %5")
            .arg(m_decision.id)
            .arg(m_decision.caseId,
                m_decision.outcome == QLatin1String("arm") ? Labels::group(m_decision.chosenArm) : tr("deferred"),
                FollowUpText::localTime(m_decision.finalisedAt), m_decision.finalisedBy));
    m_carried->setText(tr("&Carried out"));
    m_notCarried->setText(tr("&Not carried out"));
    m_carriedBox->setTitle(tr("Carried out"));
    m_notCarriedBox->setTitle(tr("Not carried out"));
    m_treatedOn->setPlaceholderText(tr("YYYY-MM-DD"));
    m_lot->setPlaceholderText(tr("as on the product label or in the trial"));
    m_reasonText->setPlaceholderText(tr("details (free text)"));
    const std::pair<QWidget *, QString> labels[]
        = { { m_treatedOn, tr("&Treatment date (infusion / start):") }, { m_armOption, tr("&Arm or option:") },
              { m_lot, tr("&Lot or trial id:") }, { m_lymphodepletion, tr("L&ymphodepletion:") },
              { m_reason, tr("&Reason:") }, { m_reasonText, tr("D&etails:") } };
    for (const auto &[field, text] : labels) {
        const auto *form = qobject_cast<QFormLayout *>(field->parentWidget()->layout());
        if (auto *label = form ? qobject_cast<QLabel *>(form->labelForField(field)) : nullptr) {
            label->setText(text);
            label->setBuddy(field);
        }
    }
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        m_days[i]->retranslate();
        m_outcomes->setTabText(int(i), tr("Day %1").arg(FollowUps::outcomeDays().value(int(i))));
    }
    fillChoices();
}

void FollowUpDialog::fillChoices()
{
    const QVariant arm = m_armOption->currentData();
    m_armOption->clear();
    m_armOption->addItem(tr("— not stated —"), armOptionData({}, {}));
    for (std::size_t a = 0; a < m_pack->arms().size(); ++a) {
        const ArmDef &def = m_pack->arms()[a];
        m_armOption->addItem(Labels::group(def.id), armOptionData(def.id, {}));
        for (const SubOption &s : def.subOptions)
            m_armOption->addItem(QStringLiteral("  ") + Labels::group(def.id + QLatin1Char('/') + s.id),
                armOptionData(def.id + QLatin1Char('/') + s.id, {}));
        for (const OptionDef &o : m_pack->options()) {
            if (o.arm == int(a))
                m_armOption->addItem(
                    QStringLiteral("    ↳ ") + ResultText::optionLabel(*m_pack, o), armOptionData(def.id, o.id));
        }
    }
    m_armOption->setCurrentIndex(qMax(0, m_armOption->findData(arm)));
    const QString regimen = m_lymphodepletion->currentText();
    m_lymphodepletion->clear();
    m_lymphodepletion->addItem(QString(), QString()); // unknown
    QStringList regimens;
    for (const OptionDef &o : m_pack->options()) {
        if (o.logistics.lymphodepletion && !regimens.contains(o.logistics.lymphodepletion->regimen))
            regimens << o.logistics.lymphodepletion->regimen;
    }
    for (const QString &r : std::as_const(regimens))
        m_lymphodepletion->addItem(FollowUpText::lymphodepletion(r), r);
    m_lymphodepletion->setCurrentText(regimen);
    const QString reason = m_reason->currentData().toString();
    m_reason->clear();
    m_reason->addItem(tr("— choose a reason —"), QString());
    for (const QString &r : FollowUps::notCarriedReasons())
        m_reason->addItem(FollowUpText::reason(r), r);
    m_reason->setCurrentIndex(qMax(0, m_reason->findData(reason)));
}

void FollowUpDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void FollowUpDialog::load(const FollowUp &f)
{
    (f.status == FollowUpStatus::CarriedOut ? m_carried : m_notCarried)->setChecked(true);
    m_treatedOn->setText(f.treatedOn);
    const QStringList key = armOptionData(f.arm, f.option);
    if (m_armOption->findData(key) < 0) // an arm or option the decision's pack does not name (any more)
        m_armOption->addItem(FollowUpText::armOption(f.arm, f.option, m_pack.get()), key);
    m_armOption->setCurrentIndex(m_armOption->findData(key));
    m_lot->setText(f.lotOrTrialId);
    const int regimen = m_lymphodepletion->findData(f.lymphodepletion);
    if (regimen > 0)
        m_lymphodepletion->setCurrentIndex(regimen);
    else
        m_lymphodepletion->setCurrentText(f.lymphodepletion);
    m_reason->setCurrentIndex(qMax(0, m_reason->findData(f.notCarriedReason)));
    m_reasonText->setText(f.notCarriedText);
    const QList<int> days = FollowUps::outcomeDays();
    for (std::size_t i = 0; i < m_days.size(); ++i)
        m_days[i]->load(f.outcome(days.value(int(i))));
}

void FollowUpDialog::updateEnabled()
{
    m_carriedBox->setEnabled(m_carried->isChecked());
    m_notCarriedBox->setEnabled(m_notCarried->isChecked());
    m_outcomes->setEnabled(m_carried->isChecked()); // outcomes follow a treatment
}

std::optional<FollowUp> FollowUpDialog::entered(QStringList &errors) const
{
    FollowUp f;
    f.decisionId = m_decision.id;
    if (!m_carried->isChecked() && !m_notCarried->isChecked()) {
        errors << tr("Status: choose \"Carried out\" or \"Not carried out\"");
        return std::nullopt;
    }
    if (m_notCarried->isChecked()) {
        f.status = FollowUpStatus::NotCarriedOut;
        f.notCarriedReason = m_reason->currentData().toString();
        f.notCarriedText = m_reasonText->text().trimmed();
        return f;
    }
    f.status = FollowUpStatus::CarriedOut;
    f.treatedOn = m_treatedOn->text().trimmed();
    if (!f.treatedOn.isEmpty() && !QDate::fromString(f.treatedOn, Qt::ISODate).isValid())
        errors << tr("Treatment date: \"%1\" is not a date (YYYY-MM-DD)").arg(f.treatedOn);
    const QStringList key = m_armOption->currentData().toStringList();
    f.arm = key.value(0);
    f.option = key.value(1);
    f.lotOrTrialId = m_lot->text().trimmed();
    const int i = m_lymphodepletion->currentIndex();
    const bool listed = i > 0 && m_lymphodepletion->itemText(i) == m_lymphodepletion->currentText();
    f.lymphodepletion = listed ? m_lymphodepletion->itemData(i).toString() : m_lymphodepletion->currentText().trimmed();
    for (const FollowUpOutcomeForm *day : m_days) {
        if (auto o = day->outcome(errors))
            f.outcomes.push_back(std::move(*o));
    }
    return errors.isEmpty() ? std::optional<FollowUp>(f) : std::nullopt;
}

void FollowUpDialog::showErrors(const QStringList &errors)
{
    m_errors->setText(errors.isEmpty() ? QString() : QStringLiteral("⚠ ") + errors.join(QLatin1Char('\n')));
    m_errors->setVisible(!errors.isEmpty());
}

QString FollowUpDialog::errorText() const
{
    return m_errors->isHidden() ? QString() : m_errors->text();
}

bool FollowUpDialog::save()
{
    QStringList errors;
    const std::optional<FollowUp> f = entered(errors);
    if (!f) {
        showErrors(QStringList { tr("The follow-up was not saved:") } + errors);
        return false;
    }
    const auto id = m_session.followUps().record(*f);
    if (!id) {
        // The store names each field and why (FollowUps::record); everything entered stays here.
        const StoreError &e = id.error();
        QStringList lines { tr("The follow-up was not saved:") };
        for (const QString &line : e.details.isEmpty() ? QStringList { e.message } : e.details)
            lines << readableProblem(line, *f);
        showErrors(lines);
        return false;
    }
    m_recorded = id.value();
    showErrors({});
    m_session.notifyCasesChanged(); // the due list and the site's outcomes read it again
    Q_EMIT recorded(m_decision.id);
    accept();
    return true;
}

} // namespace consilium
