// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/DecisionPanel.h"

#include "common/Dialogs.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "store/DecisionExport.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace consilium {

namespace {

QString groupLabel(const RulePack &pack, const QString &key)
{
    const int slash = int(key.indexOf(QLatin1Char('/')));
    if (slash < 0)
        return Labels::arm(armIndex(key));
    const int arm = armIndex(key.left(slash));
    for (const SubOption &s : pack.arms()[std::size_t(qMax(0, arm))].subOptions) {
        if (s.id == key.mid(slash + 1))
            return s.label;
    }
    return key;
}

} // namespace

DecisionPanel::DecisionPanel(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("decisionPanel"));
    build();
    retranslate();
    refresh();
}

StoreResult<qint64> DecisionPanel::todaysConference(Session &session)
{
    const QString today = session.today().toString(Qt::ISODate);
    const auto conferences = session.decisions().conferences();
    if (!conferences)
        return conferences.error();
    for (const Conference &c : conferences.value()) {
        if (c.heldOn == today)
            return c.id;
    }
    return session.decisions().createConference(today, tr("Case conference %1").arg(today),
        { { session.userName().isEmpty() ? session.store().actor().displayName : session.userName(),
            AppSettings::role() } });
}

void DecisionPanel::build()
{
    createWidgets();
    layOut();
    m_draftOnly = { m_outcome, m_rationale, m_recordOutcome, m_participant, m_role, m_stance, m_reason,
        m_recordPosition, m_overrideCriterion, m_overrideReason, m_overrideText, m_addOverride };

    connect(m_open, &QPushButton::clicked, this, &DecisionPanel::openDecision);
    connect(m_correct, &QPushButton::clicked, this, &DecisionPanel::correct);
    connect(m_exportFhir, &QPushButton::clicked, this, &DecisionPanel::exportFhir);
    connect(m_recordOutcome, &QPushButton::clicked, this, &DecisionPanel::recordOutcome);
    connect(m_recordPosition, &QPushButton::clicked, this, &DecisionPanel::recordPosition);
    connect(m_addOverride, &QPushButton::clicked, this, &DecisionPanel::addOverride);
    connect(m_finalise, &QPushButton::clicked, this, &DecisionPanel::finalise);
    connect(m_reason, &QLineEdit::returnPressed, this, &DecisionPanel::recordPosition);
}

void DecisionPanel::createWidgets()
{
    auto mk = [](auto *w, const char *name) {
        w->setObjectName(QLatin1String(name));
        return w;
    };
    m_status = mk(new QLabel(this), "decisionStatus");
    m_status->setWordWrap(true);
    m_open = mk(new QPushButton(this), "openDecision");
    m_correct = mk(new QPushButton(this), "correctDecision");
    m_exportFhir = mk(new QPushButton(this), "exportFhirButton");
    m_outcome = mk(new QComboBox(this), "outcomeCombo");
    m_rationale = mk(new QPlainTextEdit(this), "rationaleEdit");
    m_rationale->setTabChangesFocus(true);
    m_rationale->setMaximumHeight(90);
    m_recordOutcome = mk(new QPushButton(this), "recordOutcome");
    m_positions = mk(new QTableWidget(0, 4, this), "positionsTable");
    m_positions->verticalHeader()->hide();
    m_positions->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_positions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_participant = mk(new QLineEdit(this), "participantEdit");
    m_participant->setText(AppSettings::displayName());
    m_role = mk(new QComboBox(this), "roleCombo");
    m_role->setEditable(true);
    m_stance = mk(new QComboBox(this), "stanceCombo");
    m_reason = mk(new QLineEdit(this), "reasonEdit");
    m_recordPosition = mk(new QPushButton(this), "recordPosition");
    m_overrides = mk(new QListWidget(this), "overridesList");
    m_overrides->setMaximumHeight(80);
    m_overrideCriterion = mk(new QComboBox(this), "overrideCriterion");
    m_overrideCriterion->setEditable(true);
    m_overrideReason = mk(new QComboBox(this), "overrideReason");
    m_overrideText = mk(new QLineEdit(this), "overrideText");
    m_addOverride = mk(new QPushButton(this), "addOverride");
    m_dissent = mk(new QLabel(this), "dissentLabel");
    m_dissent->setWordWrap(true);
    m_finalise = mk(new QPushButton(this), "finaliseButton");
    m_finaliseReason = mk(new QLabel(this), "finaliseReason");
    m_finaliseReason->setWordWrap(true);

    for (const Criterion &c : m_session.pack().criteria())
        m_overrideCriterion->addItem(c.id);
}

void DecisionPanel::layOut()
{
    auto *head = new QHBoxLayout;
    head->addWidget(m_status, 1);
    head->addWidget(m_open);
    head->addWidget(m_correct);
    head->addWidget(m_exportFhir);
    auto *outcomeForm = new QFormLayout;
    outcomeForm->addRow(new QLabel(this), m_outcome);
    outcomeForm->addRow(new QLabel(this), m_rationale);
    auto *outcomeButtons = new QHBoxLayout;
    outcomeButtons->addStretch(1);
    outcomeButtons->addWidget(m_recordOutcome);
    auto *positionRow = new QHBoxLayout;
    positionRow->addWidget(m_participant, 2);
    positionRow->addWidget(m_role, 2);
    positionRow->addWidget(m_stance, 1);
    positionRow->addWidget(m_reason, 3);
    positionRow->addWidget(m_recordPosition);
    auto *overrideRow = new QHBoxLayout;
    overrideRow->addWidget(m_overrideCriterion, 2);
    overrideRow->addWidget(m_overrideReason, 2);
    overrideRow->addWidget(m_overrideText, 3);
    overrideRow->addWidget(m_addOverride);
    auto *finalRow = new QHBoxLayout;
    finalRow->addWidget(m_finaliseReason, 1);
    finalRow->addWidget(m_finalise);

    auto *outcomeBox = new QGroupBox(this);
    outcomeBox->setObjectName(QStringLiteral("outcomeBox"));
    auto *ol = new QVBoxLayout(outcomeBox);
    ol->addLayout(outcomeForm);
    ol->addLayout(outcomeButtons);
    auto *rolesBox = new QGroupBox(this);
    rolesBox->setObjectName(QStringLiteral("rolesBox"));
    auto *rl = new QVBoxLayout(rolesBox);
    rl->addWidget(m_positions);
    rl->addLayout(positionRow);
    rl->addWidget(m_dissent);
    auto *overrideBox = new QGroupBox(this);
    overrideBox->setObjectName(QStringLiteral("overrideBox"));
    auto *vl = new QVBoxLayout(overrideBox);
    vl->addWidget(m_overrides);
    vl->addLayout(overrideRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(outcomeBox);
    layout->addWidget(rolesBox, 1);
    layout->addWidget(overrideBox);
    layout->addLayout(finalRow);
}

void DecisionPanel::retranslate()
{
    m_open->setText(tr("&Open decision for today's conference"));
    m_correct->setText(tr("&Correct decision"));
    m_exportFhir->setText(tr("Export as F&HIR…"));
    m_exportFhir->setToolTip(tr("Save this decision as a FHIR R4 Bundle for the hospital record"));
    m_recordOutcome->setText(tr("Record &outcome"));
    m_recordPosition->setText(tr("Record &position"));
    m_addOverride->setText(tr("Add o&verride"));
    m_finalise->setText(tr("&Finalise"));
    m_participant->setPlaceholderText(tr("Participant"));
    m_reason->setPlaceholderText(tr("Reason (required to disagree or abstain)"));
    m_overrideText->setPlaceholderText(tr("Why the criterion is overridden"));
    m_rationale->setPlaceholderText(tr("Rationale"));
    m_participant->setAccessibleName(tr("Participant"));
    m_role->setAccessibleName(tr("Role"));
    m_stance->setAccessibleName(tr("Position"));
    m_reason->setAccessibleName(tr("Reason"));
    m_outcome->setAccessibleName(tr("Outcome"));
    m_rationale->setAccessibleName(tr("Rationale"));
    m_overrideCriterion->setAccessibleName(tr("Criterion to override"));
    m_overrideReason->setAccessibleName(tr("Reason code"));
    m_overrideText->setAccessibleName(tr("Override text"));
    m_positions->setAccessibleName(tr("Required roles and positions"));
    m_overrides->setAccessibleName(tr("Overrides of criteria"));
    m_positions->setHorizontalHeaderLabels({ tr("Role"), tr("Participant"), tr("Position"), tr("Reason") });
    if (auto *b = findChild<QGroupBox *>(QStringLiteral("outcomeBox")))
        b->setTitle(tr("Outcome"));
    if (auto *b = findChild<QGroupBox *>(QStringLiteral("rolesBox")))
        b->setTitle(tr("Required roles and positions"));
    if (auto *b = findChild<QGroupBox *>(QStringLiteral("overrideBox")))
        b->setTitle(tr("Overrides of criteria"));
    if (auto *form = findChild<QFormLayout *>()) {
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(m_outcome))) {
            l->setText(tr("Chosen &option:"));
            l->setBuddy(m_outcome);
        }
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(m_rationale))) {
            l->setText(tr("&Rationale:"));
            l->setBuddy(m_rationale);
        }
    }
    const QString outcome = m_outcome->currentData().toString();
    m_outcome->clear();
    m_outcome->addItem(tr("— not chosen yet —"), QString());
    for (int a = 0; a < kArmCount; ++a) {
        m_outcome->addItem(Labels::arm(a), QString::fromLatin1(kArmIds[std::size_t(a)]));
        for (const SubOption &s : m_session.pack().arms()[std::size_t(a)].subOptions)
            m_outcome->addItem(
                QStringLiteral("  ") + s.label, QString::fromLatin1(kArmIds[std::size_t(a)]) + QLatin1Char('/') + s.id);
    }
    m_outcome->addItem(tr("Defer the decision"), QStringLiteral("@defer"));
    m_outcome->setCurrentIndex(qMax(0, m_outcome->findData(outcome)));
    const QString role = m_role->currentData().toString();
    m_role->clear();
    for (const QString &r : AppSettings::knownRoles())
        m_role->addItem(Labels::role(r), r);
    m_role->setCurrentIndex(qMax(0, m_role->findData(role.isEmpty() ? AppSettings::role() : role)));
    const QString stance = m_stance->currentData().toString();
    m_stance->clear();
    for (const char *s : { "agree", "disagree", "abstain" })
        m_stance->addItem(Labels::stance(QLatin1String(s)), QLatin1String(s));
    m_stance->setCurrentIndex(qMax(0, m_stance->findData(stance)));
    const QString code = m_overrideReason->currentData().toString();
    m_overrideReason->clear();
    for (const QString &c : Decisions::overrideReasonCodes()) {
        QString text = c;
        text.replace(QLatin1Char('_'), QLatin1Char(' '));
        m_overrideReason->addItem(text, c);
    }
    m_overrideReason->setCurrentIndex(qMax(0, m_overrideReason->findData(code)));
}

void DecisionPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QWidget::changeEvent(event);
}

void DecisionPanel::setCase(const QString &caseId, const QString &blockedReason)
{
    m_caseId = caseId;
    m_blocked = blockedReason;
    refresh();
}

void DecisionPanel::setLargeType(bool large)
{
    QFont f = QFont();
    if (large)
        f.setPointSizeF(f.pointSizeF() * 1.4);
    setFont(f);
}

bool DecisionPanel::checked(const StoreError *error)
{
    if (error)
        Dialogs::warning(this, tr("Decision"), error->message, error->details);
    refresh();
    Q_EMIT decisionChanged();
    return !error;
}

void DecisionPanel::refresh()
{
    m_decisionId.reset();
    std::optional<Decision> d;
    if (!m_caseId.isEmpty()) {
        // A decision that cannot be read is shown as none (nothing can be changed on it).
        const auto ids = m_session.decisions().decisionsOfCase(m_caseId);
        if (ids && !ids.value().empty()) {
            if (auto found = m_session.decisions().decision(ids.value().back())) {
                d = std::move(found).value();
                m_decisionId = d->id;
            }
        }
    }
    show(d ? &*d : nullptr);
}

void DecisionPanel::show(const Decision *d)
{
    const bool writer = m_session.store().isWriter();
    const bool draft = d && !d->finalised && writer;
    for (QWidget *w : std::as_const(m_draftOnly))
        w->setEnabled(draft);
    m_open->setVisible(!d || d->finalised);
    m_open->setEnabled(writer && !m_caseId.isEmpty() && m_blocked.isEmpty());
    m_correct->setVisible(d && d->finalised);
    m_correct->setEnabled(writer);
    m_exportFhir->setVisible(d != nullptr);
    m_positions->setRowCount(0);
    m_overrides->clear();
    if (!d) {
        m_status->setText(m_caseId.isEmpty()
                ? tr("No case selected.")
                : (m_blocked.isEmpty() ? tr("No decision recorded for this case yet.") : m_blocked));
        m_dissent->clear();
        m_finalise->setEnabled(false);
        m_finaliseReason->setText(tr("Open a decision first."));
        return;
    }
    QString status = d->finalised
        ? tr("Final decision #%1, finalised %2 by %3").arg(d->id).arg(d->finalisedAt, d->finalisedBy)
        : tr("Draft decision #%1").arg(d->id);
    status += QStringLiteral(" · ")
        + tr("case version %1 · rule pack %2 %3").arg(d->caseVersion).arg(d->packId, d->packVersion);
    if (d->correctsId)
        status += QStringLiteral(" · ") + tr("corrects #%1").arg(*d->correctsId);
    if (d->finalised && !m_blocked.isEmpty())
        status += QLatin1Char('\n') + m_blocked;
    m_status->setText(status);

    const QString outcomeKey = d->outcome == QLatin1String("deferred") ? QStringLiteral("@defer") : d->chosenArm;
    m_outcome->setCurrentIndex(
        qMax(0, m_outcome->findData(d->outcome == QLatin1String("pending") ? QString() : outcomeKey)));
    if (m_rationale->toPlainText() != d->rationale)
        m_rationale->setPlainText(d->rationale);

    const QStringList missing = showPositions(*d);
    for (const CriterionOverride &o : d->overrides)
        m_overrides->addItem(QStringLiteral("%1 · %2 · %3").arg(o.criterionId, o.reasonCode, o.text));
    m_finaliseReason->setText(finaliseState(*d, missing));
    m_finalise->setEnabled(draft && d->outcome != QLatin1String("pending") && missing.isEmpty());
}

QStringList DecisionPanel::showPositions(const Decision &d)
{
    // Positions as recorded, then the required roles still waiting.
    auto addRow = [this](const QString &role, const QString &who, const QString &stance, const QString &reason) {
        const int r = m_positions->rowCount();
        m_positions->insertRow(r);
        m_positions->setItem(r, 0, new QTableWidgetItem(role));
        m_positions->setItem(r, 1, new QTableWidgetItem(who));
        m_positions->setItem(r, 2, new QTableWidgetItem(stance));
        m_positions->setItem(r, 3, new QTableWidgetItem(reason));
    };
    QStringList dissent;
    for (const Position &p : d.positions) {
        const QString stance = stanceName(p.stance);
        const QString required = d.requiredRoles.contains(p.role) ? QStringLiteral(" ●") : QString();
        const QString mark = p.stance == Stance::Disagree
            ? QStringLiteral("✕ ")
            : (p.stance == Stance::Agree ? QStringLiteral("✓ ") : QStringLiteral("– "));
        // Who recorded it, when that is not the participant: the chair records for the room, and
        // on a team database the recorder is a login (issue 13).
        const bool onBehalf = !p.recordedBy.isEmpty() && p.recordedBy != p.participant
            && !p.recordedBy.startsWith(p.participant + QStringLiteral(" ("));
        QString who = onBehalf ? tr("%1 (recorded by %2)").arg(p.participant, p.recordedBy) : p.participant;
        if (!d.signs(p)) // role_logins: only the role's own logins sign for it (issue 13)
            who = tr("%1 (recorded by %2, who does not sign for this role)").arg(p.participant, p.recordedBy);
        addRow(Labels::role(p.role) + required, who, mark + Labels::stance(stance), p.reason);
        if (p.stance == Stance::Disagree)
            dissent << tr("%1 (%2) disagrees: %3").arg(p.participant, Labels::role(p.role), p.reason);
    }
    QStringList missing = d.missingRoles();
    for (const QString &role : std::as_const(missing))
        addRow(Labels::role(role) + QStringLiteral(" ●"),
            d.roleLogins.contains(role)
                ? tr("to be recorded by %1").arg(d.roleLogins.value(role).join(QStringLiteral(", ")))
                : QStringLiteral("—"),
            tr("? waiting"), QString());
    m_positions->resizeColumnsToContents();
    m_dissent->setText(
        dissent.isEmpty() ? QString() : QStringLiteral("⚠ ") + tr("Dissent: ") + dissent.join(QStringLiteral("; ")));
    m_dissent->setStyleSheet(dissent.isEmpty() ? QString() : QStringLiteral("font-weight: bold;"));
    return missing;
}

QString DecisionPanel::finaliseState(const Decision &d, const QStringList &missing) const
{
    if (d.finalised)
        return tr("Finalised.");
    if (d.outcome == QLatin1String("pending"))
        return tr("Choose an option or defer, then record the outcome.");
    if (!missing.isEmpty()) {
        QStringList names;
        for (const QString &r : missing)
            names << Labels::role(r);
        return tr("Waiting for a position from: %1").arg(names.join(QStringLiteral(", ")));
    }
    return tr("Every required role has answered: %1")
        .arg(d.outcome == QLatin1String("deferred") ? tr("deferred") : groupLabel(m_session.pack(), d.chosenArm));
}

void DecisionPanel::openDecision()
{
    if (m_caseId.isEmpty() || !m_blocked.isEmpty() || !IdentityDialog::ensure(this, m_session))
        return;
    if (m_participant->text().trimmed().isEmpty())
        m_participant->setText(m_session.userName());
    const auto conf = todaysConference(m_session);
    if (!conf) {
        check(conf);
        return;
    }
    check(m_session.decisions().open(conf.value(), m_caseId, m_session.pack()));
}

void DecisionPanel::recordOutcome()
{
    if (!m_decisionId)
        return;
    const QString key = m_outcome->currentData().toString();
    if (key.isEmpty()) {
        Dialogs::warning(this, tr("Decision"), tr("Choose an option or \"Defer the decision\" first."));
        return;
    }
    check(m_session.decisions().setOutcome(
        *m_decisionId, key == QLatin1String("@defer") ? QString() : key, m_rationale->toPlainText()));
}

void DecisionPanel::recordPosition()
{
    if (!m_decisionId)
        return;
    Position p;
    p.participant = m_participant->text().trimmed();
    p.role = m_role->currentData().toString();
    if (p.role.isEmpty() || m_role->currentText() != m_role->itemText(m_role->currentIndex()))
        p.role = m_role->currentText().trimmed();
    p.stance = stanceFromName(m_stance->currentData().toString()).value_or(Stance::Agree);
    p.reason = m_reason->text().trimmed();
    if (check(m_session.decisions().recordPosition(*m_decisionId, p)))
        m_reason->clear();
}

void DecisionPanel::addOverride()
{
    if (!m_decisionId)
        return;
    if (check(m_session.decisions().addOverride(*m_decisionId, m_overrideCriterion->currentText().trimmed(),
            m_overrideReason->currentData().toString(), m_overrideText->text().trimmed())))
        m_overrideText->clear();
}

void DecisionPanel::finalise()
{
    if (!m_decisionId)
        return;
    if (Dialogs::question(this, tr("Finalise decision"),
            tr("A finalised decision cannot be changed, only corrected by a new decision. Finalise now?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
        != QMessageBox::Yes)
        return;
    check(m_session.decisions().finalise(*m_decisionId));
}

void DecisionPanel::correct()
{
    if (!m_decisionId || !IdentityDialog::ensure(this, m_session))
        return;
    check(m_session.decisions().correct(*m_decisionId));
}

void DecisionPanel::exportFhir()
{
    if (!m_decisionId)
        return;
    const auto exported = exportDecisionFhir(m_session.store(), *m_decisionId);
    if (!exported) {
        check(exported);
        return;
    }
    const QString path = Dialogs::saveFileName(this, tr("Export as FHIR"), tr("FHIR JSON files (*.json)"),
        QStringLiteral("decision-%1-fhir.json").arg(*m_decisionId));
    if (path.isEmpty())
        return;
    const QByteArray &bytes = exported.value().bundle;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        Dialogs::warning(this, tr("Export as FHIR"), tr("Cannot write %1: %2").arg(path, f.errorString()));
        return;
    }
    if (const auto audited = auditFhirExport(m_session.store(), *m_decisionId, bytes, path); !audited) {
        check(audited);
        return;
    }
    const QStringList left = exported.value().notExported;
    Dialogs::information(this, tr("Export as FHIR"),
        left.isEmpty() ? tr("Decision #%1 saved as a FHIR R4 Bundle in %2.").arg(*m_decisionId).arg(path)
                       : tr("Decision #%1 saved as a FHIR R4 Bundle in %2.\n\nNot exported (no code or unit for "
                            "exchange in the rule pack):\n%3")
                             .arg(*m_decisionId)
                             .arg(path, left.join(QLatin1Char('\n'))));
}

} // namespace consilium
