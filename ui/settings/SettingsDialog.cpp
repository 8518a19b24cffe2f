// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/SettingsDialog.h"

#include "common/Dialogs.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "settings/AppSettings.h"
#include "store/StoreLocation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

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
    m_units = new QComboBox(this);
    m_units->setObjectName(QStringLiteral("settingsUnits"));
    m_units->addItem(tr("From the case's jurisdiction"), QString());
    m_units->addItem(tr("EU (SI units: µmol/L, mg/L, g/L …)"), QStringLiteral("EU"));
    m_units->addItem(tr("US (conventional units: mg/dL …)"), QStringLiteral("US"));
    m_units->setCurrentIndex(qMax(0, m_units->findData(AppSettings::unitConvention())));
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
    form->addRow(tr("&Units offered for new values:"), m_units);
    // A row holding a layout gets no buddy from QFormLayout: without one the label would show
    // the "&" literally instead of underlining the shortcut letter.
    auto *dbLabel = new QLabel(tr("&Database:"), this);
    dbLabel->setBuddy(m_database);
    form->addRow(dbLabel, db);
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    for (QWidget *w :
        std::initializer_list<QWidget *> { m_name, m_role, m_jurisdiction, m_units, m_database, m_language }) {
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
    const QString text = m_database->text().trimmed();
    const StoreLocation location = parseStoreLocation(text);
    return location.isSupported() ? location.storePath() : text;
}

void SettingsDialog::accept()
{
    const StoreLocation location = parseStoreLocation(m_database->text().trimmed());
    if (!location.isSupported()) {
        Dialogs::warning(this, tr("Database"), tr("This database location cannot be used."), { location.error });
        m_database->setFocus();
        return;
    }
    QDialog::accept();
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
    AppSettings::setUnitConvention(m_units->currentData().toString());
    AppSettings::setDatabasePath(databasePath());
    AppSettings::setLanguage(language());
}

IdentityDialog::IdentityDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("identityDialog"));
    setWindowTitle(tr("Who is working?"));
    auto *intro = new QLabel(tr("Versions, decisions and the audit log record who made them. Enter your name and"
                                " role once; you can change them later in Settings."),
        this);
    intro->setWordWrap(true);
    m_name = new QLineEdit(AppSettings::displayName(), this);
    m_name->setObjectName(QStringLiteral("identityName"));
    m_name->setAccessibleName(tr("Display name"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("identityRole"));
    m_role->setAccessibleName(tr("Role"));
    for (const QString &r : AppSettings::knownRoles())
        m_role->addItem(Labels::role(r), r);
    m_role->setCurrentIndex(qMax(0, m_role->findData(AppSettings::role())));
    auto *form = new QFormLayout;
    form->addRow(tr("Display &name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!name().isEmpty());
    connect(m_name, &QLineEdit::textChanged, ok, [this, ok] { ok->setEnabled(!name().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString IdentityDialog::name() const
{
    return m_name->text().trimmed();
}

QString IdentityDialog::role() const
{
    return m_role->currentData().toString();
}

bool IdentityDialog::ensure(QWidget *parent, Session &session)
{
    if (!session.userName().isEmpty())
        return true;
    if (!AppSettings::displayName().trimmed().isEmpty()) {
        session.setUserName(AppSettings::displayName());
        return true;
    }
    IdentityDialog dialog(parent);
    if (Dialogs::exec(&dialog) != QDialog::Accepted || dialog.name().isEmpty())
        return false;
    AppSettings::setDisplayName(dialog.name());
    AppSettings::setRole(dialog.role());
    session.setUserName(dialog.name());
    return true;
}

} // namespace consilium
