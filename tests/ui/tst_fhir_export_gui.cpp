// SPDX-License-Identifier: GPL-3.0-or-later
// "Export as FHIR…" in the decision panel (docs/fhir.md#export): hidden until there is a decision,
// then writes the decision's FHIR R4 Bundle to the file chosen and names what was left out.
#include "UiTestSupport.h"

#include "decision/DecisionPanel.h"
#include "shell/CaseWorkspace.h"
#include "store/Decisions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>

using namespace consilium;
using namespace consilium::test;

class TestFhirExportGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsTheShownDecision()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        const QString caseId = QStringLiteral("V01-sle-ln-si-units");
        QVERIFY(w.openCase(caseId));
        w.tabs()->setCurrentIndex(CaseWorkspace::DecisionTab);
        DecisionPanel *p = w.decisionPanel();
        auto *button = find<QPushButton>(p, QStringLiteral("exportFhirButton"));
        QVERIFY(button->isHidden()); // no decision yet

        const auto conference = DecisionPanel::todaysConference(*s);
        QVERIFY(conference);
        const auto id = s->decisions().open(conference.value(), caseId, s->pack());
        QVERIFY(id);
        QVERIFY(s->decisions().setOutcome(id.value(), QStringLiteral("autologous_car_t"), QStringLiteral("slot")));
        for (const char *role : { "rheumatology", "cellular_therapy" })
            QVERIFY(s->decisions().recordPosition(id.value(),
                { QStringLiteral("Dr ") + QLatin1String(role), QLatin1String(role), Stance::Agree, {}, {} }));
        QVERIFY(s->decisions().finalise(id.value()));
        p->refresh();
        QVERIFY(!button->isHidden());
        QVERIFY(button->isEnabled());

        // Cancelled file dialog: nothing written.
        Dialogs::setNextFileName(QString());
        QTest::mouseClick(button, Qt::LeftButton);
        const QString path = env.path(QStringLiteral("decision.json"));
        QVERIFY(!QFile::exists(path));

        Dialogs::setNextFileName(path);
        QTest::mouseClick(button, Qt::LeftButton);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject bundle = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(bundle.value(QStringLiteral("type")).toString(), QStringLiteral("collection"));
        QStringList types;
        for (const QJsonValue &e : bundle.value(QStringLiteral("entry")).toArray())
            types << e.toObject()
                         .value(QStringLiteral("resource"))
                         .toObject()
                         .value(QStringLiteral("resourceType"))
                         .toString();
        for (const char *t :
            { "Patient", "Condition", "Observation", "ClinicalImpression", "RequestGroup", "CarePlan", "Provenance" })
            QVERIFY2(types.contains(QLatin1String(t)), t);
        // V01's LVEF has no LOINC code in the pack: the message names it.
        QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("lvef")), qPrintable(Dialogs::lastMessage()));
    }
};

QTEST_MAIN(TestFhirExportGui)
#include "tst_fhir_export_gui.moc"
