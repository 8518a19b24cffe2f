// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace consilium {

// Display name and role, default jurisdiction, database location and language.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const QString &currentDatabase, QWidget *parent = nullptr);

    QString databasePath() const;
    QString language() const;
    void apply(); // writes the settings

private:
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_jurisdiction = nullptr;
    QLineEdit *m_database = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace consilium
