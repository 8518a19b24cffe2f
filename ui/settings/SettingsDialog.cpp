// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/SettingsDialog.h"

#include "common/Dialogs.h"
#include "common/Labels.h"
#include "settings/AppSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace consilium {

SettingsDialog::SettingsDialog(const QString &currentDatabase, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_name = new QLineEdit(AppSettings::displayName(), this);
    m_name->setObjectName(QStringLiteral("settingsName"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("settingsRole"));
    for (const QString &r : AppSettings::knownRoles())
        m_role->addItem(Labels::role(r), r);
    m_role->setCurrentIndex(qMax(0, m_role->findData(AppSettings::role())));
    m_jurisdiction = new QComboBox(this);
    m_jurisdiction->setObjectName(QStringLiteral("settingsJurisdiction"));
    for (const char *j : { "EU", "US" })
        m_jurisdiction->addItem(Labels::jurisdiction(QLatin1String(j)), QLatin1String(j));
    m_jurisdiction->setCurrentIndex(qMax(0, m_jurisdiction->findData(AppSettings::jurisdiction())));
    m_database = new QLineEdit(currentDatabase, this);
    m_database->setObjectName(QStringLiteral("settingsDatabase"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(AppSettings::language())));

    auto *db = new QHBoxLayout;
    db->addWidget(m_database, 1);
    db->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Display &name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("Default &jurisdiction:"), m_jurisdiction);
    form->addRow(tr("&Database:"), db);
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    for (QWidget *w : std::initializer_list<QWidget *> { m_name, m_role, m_jurisdiction, m_database, m_language }) {
        if (auto *l = qobject_cast<QLabel *>(form->labelForField(w)))
            w->setAccessibleName(l->text().remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    }
    m_database->setAccessibleName(tr("Database"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = Dialogs::saveFileName(
            this, tr("Database location"), tr("Consilium databases (*.sqlite)"), m_database->text());
        if (!path.isEmpty())
            m_database->setText(path);
    });
}

QString SettingsDialog::databasePath() const
{
    return m_database->text().trimmed();
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::apply()
{
    AppSettings::setDisplayName(m_name->text().trimmed());
    AppSettings::setRole(m_role->currentData().toString());
    AppSettings::setJurisdiction(m_jurisdiction->currentData().toString());
    AppSettings::setDatabasePath(databasePath());
    AppSettings::setLanguage(language());
}

} // namespace consilium
