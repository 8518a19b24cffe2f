// SPDX-License-Identifier: GPL-3.0-or-later
// The outcomes of one time point in the follow-up dialog (FollowUpDialog.h).
#include "decision/FollowUpDialog.h"

#include "decision/FollowUpText.h"

#include <QComboBox>
#include <QDate>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace consilium {

namespace {

const QString kYes = QStringLiteral("yes");
const QString kNo = QStringLiteral("no");

// Fills a choice with "unknown" (data empty) first, then `items` (data, text); keeps the choice.
void fill(QComboBox *box, const QList<std::pair<QString, QString>> &items)
{
    const QString current = box->currentData().toString();
    box->clear();
    box->addItem(FollowUpText::unknown(), QString());
    for (const auto &[data, text] : items)
        box->addItem(text, data);
    box->setCurrentIndex(qMax(0, box->findData(current)));
}

QList<std::pair<QString, QString>> grades(const QStringList &codes)
{
    QList<std::pair<QString, QString>> out;
    for (const QString &g : codes)
        out.append({ g, FollowUpText::grade(g) });
    return out;
}

void choose(QComboBox *box, const QString &data)
{
    box->setCurrentIndex(qMax(0, box->findData(data)));
}

QString yesNoData(const std::optional<bool> &value)
{
    return !value ? QString() : (*value ? kYes : kNo);
}

std::optional<bool> yesNoValue(const QComboBox *box)
{
    const QString v = box->currentData().toString();
    return v.isEmpty() ? std::nullopt : std::optional<bool>(v == kYes);
}

} // namespace

FollowUpOutcomeForm::FollowUpOutcomeForm(int day, QWidget *parent) : QWidget(parent), m_day(day)
{
    setObjectName(QStringLiteral("outcomeForm%1").arg(day));
    m_assessed = date("assessedOn");
    m_crs = choice("crsGrade");
    m_crsOnset = date("crsOnset");
    m_crsResolved = date("crsResolved");
    m_icans = choice("icansGrade");
    m_icansOnset = date("icansOnset");
    m_icansResolved = date("icansResolved");
    m_icaht = choice("icahtGrade");
    m_infection = choice("infection");
    m_infectionText = new QLineEdit(this);
    m_infectionText->setObjectName(QStringLiteral("infectionText%1").arg(day));
    m_response = choice("response");
    m_died = choice("died");
    m_deathDate = date("deathDate");

    auto row = [](std::initializer_list<QWidget *> widgets) {
        auto *l = new QHBoxLayout;
        for (QWidget *w : widgets)
            l->addWidget(w, 1);
        return l;
    };
    auto *form = new QFormLayout(this);
    const std::pair<QWidget *, QLayout *> rows[] = {
        { m_assessed, nullptr },
        { nullptr, row({ m_crs, m_crsOnset, m_crsResolved }) },
        { nullptr, row({ m_icans, m_icansOnset, m_icansResolved }) },
        { m_icaht, nullptr },
        { nullptr, row({ m_infection, m_infectionText }) },
        { m_response, nullptr },
        { nullptr, row({ m_died, m_deathDate }) },
    };
    for (const auto &[widget, layout] : rows) {
        auto *label = new QLabel(this);
        label->setBuddy(widget ? widget : layout->itemAt(0)->widget());
        m_labels << label;
        if (widget)
            form->addRow(label, widget);
        else
            form->addRow(label, layout);
    }
    retranslate();
}

QLineEdit *FollowUpOutcomeForm::date(const char *name)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(name) + QString::number(m_day));
    edit->setMaxLength(10);
    return edit;
}

QComboBox *FollowUpOutcomeForm::choice(const char *name)
{
    auto *box = new QComboBox(this);
    box->setObjectName(QLatin1String(name) + QString::number(m_day));
    return box;
}

void FollowUpOutcomeForm::retranslate()
{
    const QString texts[]
        = { tr("&Assessed on:"), tr("&CRS (highest ASTCT grade):"), tr("&ICANS (highest ASTCT grade):"),
              tr("ICA&HT (grade):"), tr("In&fection grade ≥ 3:"), tr("&Response:"), tr("&Died:") };
    for (int i = 0; i < m_labels.size(); ++i)
        m_labels[i]->setText(texts[i]);
    const QString format = tr("YYYY-MM-DD");
    m_assessed->setPlaceholderText(format);
    for (QLineEdit *e : { m_crsOnset, m_icansOnset })
        e->setPlaceholderText(tr("onset %1").arg(format));
    for (QLineEdit *e : { m_crsResolved, m_icansResolved })
        e->setPlaceholderText(tr("resolved %1").arg(format));
    m_deathDate->setPlaceholderText(tr("date of death %1").arg(format));
    m_infectionText->setPlaceholderText(tr("which infection (free text)"));
    fill(m_crs, grades(FollowUpText::toxicityGrades()));
    fill(m_icans, grades(FollowUpText::toxicityGrades()));
    fill(m_icaht, grades(FollowUpText::icahtGrades()));
    const QList<std::pair<QString, QString>> yesNo = { { kYes, tr("yes") }, { kNo, tr("no") } };
    fill(m_infection, yesNo);
    fill(m_died, yesNo);
    QList<std::pair<QString, QString>> responses;
    for (const QString &r : FollowUps::responses())
        responses.append({ r, FollowUpText::response(r) });
    fill(m_response, responses);
}

void FollowUpOutcomeForm::load(const FollowUpOutcome *o)
{
    const FollowUpOutcome none;
    const FollowUpOutcome &v = o ? *o : none;
    m_assessed->setText(v.assessedOn);
    choose(m_crs, v.crs.grade);
    m_crsOnset->setText(v.crs.onset);
    m_crsResolved->setText(v.crs.resolved);
    choose(m_icans, v.icans.grade);
    m_icansOnset->setText(v.icans.onset);
    m_icansResolved->setText(v.icans.resolved);
    choose(m_icaht, v.icahtGrade);
    choose(m_infection, yesNoData(v.infectionGrade3plus));
    m_infectionText->setText(v.infectionText);
    choose(m_response, v.response);
    choose(m_died, yesNoData(v.died));
    m_deathDate->setText(v.deathDate);
}

QString FollowUpOutcomeForm::dateValue(const QLineEdit *edit, const QString &label, QStringList &errors) const
{
    QString text = edit->text().trimmed();
    if (!text.isEmpty() && !QDate::fromString(text, Qt::ISODate).isValid())
        errors << tr("Day %1 · %2: \"%3\" is not a date (YYYY-MM-DD)").arg(m_day).arg(label, text);
    return text;
}

std::optional<FollowUpOutcome> FollowUpOutcomeForm::outcome(QStringList &errors) const
{
    FollowUpOutcome o;
    o.day = m_day;
    o.assessedOn = dateValue(m_assessed, tr("assessed on"), errors);
    o.crs = { m_crs->currentData().toString(), dateValue(m_crsOnset, tr("CRS onset"), errors),
        dateValue(m_crsResolved, tr("CRS resolved"), errors) };
    o.icans = { m_icans->currentData().toString(), dateValue(m_icansOnset, tr("ICANS onset"), errors),
        dateValue(m_icansResolved, tr("ICANS resolved"), errors) };
    o.icahtGrade = m_icaht->currentData().toString();
    o.infectionGrade3plus = yesNoValue(m_infection);
    o.infectionText = m_infectionText->text().trimmed();
    o.response = m_response->currentData().toString();
    o.died = yesNoValue(m_died);
    o.deathDate = dateValue(m_deathDate, tr("date of death"), errors);
    const bool any = !o.assessedOn.isEmpty() || !o.crs.grade.isEmpty() || !o.crs.onset.isEmpty()
        || !o.crs.resolved.isEmpty() || !o.icans.grade.isEmpty() || !o.icans.onset.isEmpty()
        || !o.icans.resolved.isEmpty() || !o.icahtGrade.isEmpty() || o.infectionGrade3plus.has_value()
        || !o.infectionText.isEmpty() || !o.response.isEmpty() || o.died.has_value() || !o.deathDate.isEmpty();
    if (!any)
        return std::nullopt; // nothing known of this time point: no outcome recorded for it
    return o;
}

} // namespace consilium
