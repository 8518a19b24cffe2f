// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace consilium {

// The explicit override of issue 6: a site pack that passed its schema and vignettes but is not
// signed by a trusted key may only be loaded when the user confirms it and gives a reason,
// which goes into the audit log. "Load anyway" stays disabled while the reason is empty.
class SignatureOverrideDialog : public QDialog
{
    Q_OBJECT

public:
    SignatureOverrideDialog(const QString &packLabel, const QString &problem, QWidget *parent = nullptr);

    QString reason() const;
    void accept() override;

private:
    QPlainTextEdit *m_reason = nullptr;
    QPushButton *m_load = nullptr;
};

} // namespace consilium
