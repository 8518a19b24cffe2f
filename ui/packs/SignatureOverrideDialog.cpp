// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/SignatureOverrideDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace consilium {

SignatureOverrideDialog::SignatureOverrideDialog(const QString &packLabel, const QString &problem, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("signatureOverrideDialog"));
    setWindowTitle(tr("Rule pack not signed by a trusted key"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    icon->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("overrideExplanation"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setText(QStringLiteral("<p><b>%1</b></p><p>%2</p><p>%3</p><p>%4</p>")
                      .arg(tr("The rule pack %1 is not signed by a trusted key.").arg(packLabel.toHtmlEscaped()),
                          tr("Why: %1").arg(problem.toHtmlEscaped()),
                          tr("Its schema is valid and all its vignettes pass, but no key your site trusts vouches "
                             "for its content. Load it only if you know where it comes from and that it is meant "
                             "for clinical use."),
                          tr("Loading it anyway is recorded in the audit log of the open database together with "
                             "your reason.")));
    auto *reasonLabel = new QLabel(tr("&Reason for loading it anyway (required):"), this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("overrideReason"));
    m_reason->setAccessibleName(tr("Reason for the override"));
    m_reason->setTabChangesFocus(true);
    reasonLabel->setBuddy(m_reason);
    auto *buttons = new QDialogButtonBox(this);
    m_load = buttons->addButton(tr("&Load anyway"), QDialogButtonBox::AcceptRole);
    m_load->setObjectName(QStringLiteral("loadAnyway"));
    m_load->setEnabled(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelOverride"));
    cancel->setDefault(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason, 1);
    layout->addWidget(buttons);
    connect(m_reason, &QPlainTextEdit::textChanged, this, [this] { m_load->setEnabled(!reason().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &SignatureOverrideDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 380);
}

QString SignatureOverrideDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void SignatureOverrideDialog::accept()
{
    if (reason().isEmpty())
        return; // the override needs a reason
    QDialog::accept();
}

} // namespace consilium
