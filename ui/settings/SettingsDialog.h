// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace consilium {

class Session;

// Display name and role, default jurisdiction, database location and language.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const QString &currentDatabase, QWidget *parent = nullptr);

    // The database as a path: a `file:` URL is turned into its path (docs/store.md#database-location).
    QString databasePath() const;
    QString language() const;
    void apply(); // writes the settings
    // Refuses (with a message, the dialog staying open) a database location with a URI scheme
    // this version does not support, before anything is saved.
    void accept() override;

private:
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_jurisdiction = nullptr;
    QComboBox *m_units = nullptr;
    QLineEdit *m_database = nullptr;
    QComboBox *m_language = nullptr;
};

// "Who are you?": asked once, before the first thing is saved under the user's name (a case
// version, a decision, an import), when neither Settings nor an earlier answer gave a name.
class IdentityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit IdentityDialog(QWidget *parent = nullptr);
    QString name() const;
    QString role() const;

    // True when the session has a user name, asking for it (and the role) first if needed;
    // the answer is kept in the settings and applies at once. False: the user declined.
    static bool ensure(QWidget *parent, Session &session);

private:
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
};

} // namespace consilium
