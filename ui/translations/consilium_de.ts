<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>consilium::CaseDocument</name>
    <message>
        <location filename="../editor/CaseDocument.cpp" line="+118"/>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+214"/>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
</context>
<context>
    <name>consilium::CaseEditor</name>
    <message>
        <location filename="../editor/CaseEditor.cpp" line="+246"/>
        <source>&quot;%1&quot; is not a valid date (YYYY-MM-DD); the values keep their dates.</source>
        <translation>„%1“ ist kein gültiges Datum (JJJJ-MM-TT); die Werte behalten ihr bisheriges Datum.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+276"/>
        <source>Date of these results (YYYY-MM-DD): every value of the panel without a date of its own takes it</source>
        <translation>Datum dieser Ergebnisse (JJJJ-MM-TT): Jeder Wert dieses Abschnitts ohne eigenes Datum übernimmt es</translation>
    </message>
    <message>
        <location line="-255"/>
        <source>Date %1 for %2</source>
        <translation>Datum %1 für %2</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%1 · %n still needed by the arms</source>
        <translation>
            <numerusform>%1 · %n Angabe fehlt noch für die Optionen</numerusform>
            <numerusform>%1 · %n Angaben fehlen noch für die Optionen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date of these results:</source>
        <translation>Datum dieser Ergebnisse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Date of the %1 results</source>
        <translation>Datum der Ergebnisse: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Medications</source>
        <translation>Medikamente</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Medication list recorded (an empty list means no medications)</source>
        <translation>Medikamentenliste erfasst (eine leere Liste bedeutet: keine Medikamente)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medication list recorded</source>
        <translation>Medikamentenliste erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Failed therapies</source>
        <translation>Erfolglose Therapien</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Prior therapies recorded</source>
        <translation>Vortherapien erfasst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drug names, separated by commas (e.g. Rituximab, Cyclophosphamide)</source>
        <translation>Wirkstoffnamen, durch Kommas getrennt (z. B. Rituximab, Cyclophosphamide)</translation>
    </message>
    <message>
        <source>agent ids, separated by commas (e.g. rituximab, cyclophosphamide)</source>
        <translation type="vanished">Wirkstoff-IDs, durch Kommas getrennt (z. B. rituximab, cyclophosphamide)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add medication</source>
        <translation>Medikament &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove medication</source>
        <translation>Medikament &amp;entfernen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case &amp;id</source>
        <translation>Fall-&amp;ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Label</source>
        <translation>&amp;Bezeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>&amp;As of</source>
        <translation>&amp;Stichtag</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>&amp;Jurisdiction</source>
        <translation>&amp;Rechtsraum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The date the case is evaluated at (YYYY-MM-DD)</source>
        <translation>Stichtag, zu dem der Fall ausgewertet wird (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the as-of date in a calendar</source>
        <translation>Stichtag im Kalender auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar for the as-of date</source>
        <translation>Kalender für den Stichtag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
</context>
<context>
    <name>consilium::CaseListModel</name>
    <message>
        <location filename="../cases/CaseListModel.cpp" line="+201"/>
        <source>%1: the open case</source>
        <translation>%1: der geöffnete Fall</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>not evaluated</source>
        <translation>nicht erhoben</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n arm(s) undetermined</source>
        <translation>
            <numerusform>%n Option unbestimmt</numerusform>
            <numerusform>%n Optionen unbestimmt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disease</source>
        <translation>Erkrankung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allo</source>
        <translation>Allo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCE</source>
        <translation>TCE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SoC</source>
        <translation>Std.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product/trial</source>
        <translation>Produkt/Studie</translation>
    </message>
</context>
<context>
    <name>consilium::CaseListPanel</name>
    <message>
        <location filename="../cases/CaseListPanel.cpp" line="+133"/>
        <source>The case list cannot be read: %1</source>
        <translation>Die Fallliste kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>counting cases…</source>
        <translation>Fälle werden gezählt …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search cases…</source>
        <translation>Fälle suchen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search cases</source>
        <translation>Fälle suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by disease</source>
        <translation>Nach Erkrankung filtern</translation>
    </message>
    <message>
        <source>Filter verdicts of arm</source>
        <translation type="vanished">Ergebnis dieser Option filtern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by verdict</source>
        <translation>Nach Ergebnis filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by readiness</source>
        <translation>Nach Vollständigkeit filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by conference</source>
        <translation>Nach Konferenz filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Any arm</source>
        <translation>Jede Option</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Any verdict</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Filter verdicts of arm or product/trial</source>
        <translation>Ergebnis nach Option oder Produkt/Studie filtern</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Any readiness</source>
        <translation>Jede Vollständigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has gaps</source>
        <translation>Mit Lücken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not evaluated</source>
        <translation>Nicht ausgewertet</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Any disease</source>
        <translation>Jede Erkrankung</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Any conference</source>
        <translation>Jede Konferenz</translation>
    </message>
</context>
<context>
    <name>consilium::CaseWorkspace</name>
    <message>
        <location filename="../shell/CaseWorkspace.cpp" line="+90"/>
        <source>Save the case before recording a decision: a decision is pinned to a saved version.</source>
        <translation>Speichern Sie den Fall, bevor Sie eine Entscheidung erfassen: Eine Entscheidung gilt für eine gespeicherte Version.</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+315"/>
        <source>&amp;Data</source>
        <translation>&amp;Daten</translation>
    </message>
    <message>
        <location line="-246"/>
        <location line="+2"/>
        <source>Open case</source>
        <translation>Fall öffnen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The case %1 is not in the database.</source>
        <translation>Der Fall %1 ist nicht in der Datenbank.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recovered edits</source>
        <translation>Wiederhergestellte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsaved edits of %1 were kept from an earlier session. Restore them?</source>
        <translation>Nicht gespeicherte Änderungen an %1 aus einer früheren Sitzung wurden aufbewahrt. Wiederherstellen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a new case</source>
        <translation>einem neuen Fall</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+9"/>
        <location line="+13"/>
        <source>Open case file</source>
        <translation>Falldatei öffnen</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not a case file: %2</source>
        <translation>%1 ist keine Falldatei: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>new-case</source>
        <translation>neuer-fall</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+19"/>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The case has problems. Fix the marked fields first.</source>
        <translation>Der Fall enthält Fehler. Korrigieren Sie zuerst die markierten Felder.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The database refused the case.</source>
        <translation>Die Datenbank hat den Fall abgelehnt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has unsaved changes. Save them as a new version?</source>
        <translation>%1 hat nicht gespeicherte Änderungen. Als neue Version speichern?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case</source>
        <translation>Der Fall</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>(no id)</source>
        <translation>(keine ID)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>F</source>
        <translation>w</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>M</source>
        <translation>m</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>class %1 LN</source>
        <translation>LN Klasse %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>as of %1</source>
        <translation>Stichtag %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n problem(s) in the data</source>
        <translation>
            <numerusform>%n Fehler in den Daten</numerusform>
            <numerusform>%n Fehler in den Daten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n missing</source>
        <translation>
            <numerusform>%n fehlt</numerusform>
            <numerusform>%n fehlen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing missing</source>
        <translation>nichts fehlt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>As of %1, not today (%2): ages, washouts and earliest start dates count from the as-of date.</source>
        <translation>Stichtag %1, nicht heute (%2): Alter, Auswaschphasen und früheste Starttermine zählen ab dem Stichtag.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitplan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To&amp;xicity</source>
        <translation>To&amp;xizität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>D&amp;ecision</source>
        <translation>&amp;Entscheidung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;History</source>
        <translation>Ver&amp;lauf</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>&amp;Data (%n problem(s))</source>
        <translation>
            <numerusform>&amp;Daten (%n Fehler)</numerusform>
            <numerusform>&amp;Daten (%n Fehler)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 saved version %2 of this case at %3 on another workstation; it is shown now.</source>
        <translation>%1 hat Version %2 dieses Falls am %3 an einem anderen Arbeitsplatz gespeichert; sie wird jetzt angezeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 saved version %2 of this case at %3 on another workstation, while you were editing version %4. Your unsaved edits are kept (also as a local draft); when you save, Consilium shows what differs so that you can re-apply them to version %2.</source>
        <translation>%1 hat Version %2 dieses Falls am %3 an einem anderen Arbeitsplatz gespeichert, während Sie Version %4 bearbeitet haben. Ihre ungespeicherten Änderungen bleiben erhalten (auch als lokaler Entwurf); beim Speichern zeigt Consilium die Unterschiede, damit Sie Ihre Änderungen auf Version %2 übertragen können.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 removed this case from the database at %2. Your edits, if any, are kept as a local draft.</source>
        <translation>%1 hat diesen Fall am %2 aus der Datenbank entfernt. Ihre Änderungen, falls vorhanden, bleiben als lokaler Entwurf erhalten.</translation>
    </message>
    <message>
        <location filename="../shell/CaseWorkspaceConflict.cpp" line="+48"/>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your edits are kept as a local draft.</source>
        <translation>Ihre Änderungen bleiben als lokaler Entwurf erhalten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: yours %2, version %3 has %4 (was %5)</source>
        <translation>%1: Ihr Wert %2, Version %3 hat %4 (vorher %5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: yours %2 (not changed in version %3)</source>
        <translation>%1: Ihr Wert %2 (in Version %3 nicht geändert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: version %2 has %3 (you did not change it)</source>
        <translation>%1: Version %2 hat %3 (von Ihnen nicht geändert)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What differs from version %1, which you opened:</source>
        <translation>Unterschiede zu Version %1, die Sie geöffnet hatten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-apply your changes to version %1? Items you changed replace those of version %1; the rest stays as in version %1. Nothing is saved until you save again. No: keep editing version %2 (your edits stay a local draft).</source>
        <translation>Ihre Änderungen auf Version %1 übertragen? Was Sie geändert haben, ersetzt die Angaben von Version %1; alles andere bleibt wie in Version %1. Gespeichert wird erst, wenn Sie erneut speichern. Nein: Version %2 weiter bearbeiten (Ihre Änderungen bleiben ein lokaler Entwurf).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved meanwhile on another workstation</source>
        <translation>Inzwischen an einem anderen Arbeitsplatz gespeichert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your changes were re-applied to version %1. Review them, then save.</source>
        <translation>Ihre Änderungen wurden auf Version %1 übertragen. Prüfen Sie sie, dann speichern Sie.</translation>
    </message>
</context>
<context>
    <name>consilium::ComparisonModel</name>
    <message>
        <location filename="../compare/ComparisonModel.cpp" line="+30"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decided by</source>
        <translation>Entschieden durch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing data</source>
        <translation>Fehlende Daten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earliest start</source>
        <translation>Frühester Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To treatment</source>
        <translation>Bis zur Behandlung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inpatient</source>
        <translation>Stationär</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caregiver / proximity</source>
        <translation>Begleitperson / Zentrumsnähe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main risks</source>
        <translation>Hauptrisiken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence</source>
        <translation>Evidenz</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Click for all criteria</source>
        <translation>Klicken für alle Kriterien</translation>
    </message>
</context>
<context>
    <name>consilium::ComparisonView</name>
    <message>
        <location filename="../compare/ComparisonView.cpp" line="+256"/>
        <source>Site availabilit&amp;y…</source>
        <translation>Verfügbar&amp;keit am Zentrum…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which options this centre offers, can refer to, or does not offer</source>
        <translation>Welche Produkte und Studien dieses Zentrum anbietet, an welche es überweisen kann und welche es nicht anbietet</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+3"/>
        <source>Derived values</source>
        <translation>Abgeleitete Werte</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Comparison of the four options</source>
        <translation>Vergleich der vier Optionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products and trials under each arm</source>
        <translation>Produkte und Studien unter jeder Option</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No result: the case has errors that prevent evaluation.</source>
        <translation>Kein Ergebnis: Der Fall enthält Fehler, die eine Auswertung verhindern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What would change the answer: nothing is missing for the exclusion criteria.</source>
        <translation>Was das Ergebnis ändern würde: Für die Ausschlusskriterien fehlt nichts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What would change the answer: %1</source>
        <translation>Was das Ergebnis ändern würde: %1</translation>
    </message>
</context>
<context>
    <name>consilium::ConferenceMode</name>
    <message>
        <location filename="../conference/ConferenceMode.cpp" line="+104"/>
        <source>No cases to present</source>
        <translation>Keine Fälle zum Vorstellen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>F</source>
        <translation>w</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>M</source>
        <translation>m</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>as of %1</source>
        <translation>Stichtag %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Case %1 of %2</source>
        <translation>Fall %1 von %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Consilium — conference</source>
        <translation>Consilium – Fallkonferenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→ next case · ← previous case · D decision · Esc leave</source>
        <translation>→ nächster Fall · ← vorheriger Fall · D Entscheidung · Esc beenden</translation>
    </message>
</context>
<context>
    <name>consilium::ConferenceReport</name>
    <message>
        <location filename="../reports/ConferenceReport.cpp" line="+45"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Glucocorticoids</source>
        <translation>Glukokortikoide</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>“Washout end dates” below</source>
        <translation>„Ende der Auswaschphasen“ (siehe unten)</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>… and %n more (see “Decisive criteria and sources”)</source>
        <translation>
            <numerusform>… und %n weiteres (siehe „Entscheidende Kriterien und Quellen“)</numerusform>
            <numerusform>… und %n weitere (siehe „Entscheidende Kriterien und Quellen“)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>data error</source>
        <translation>Datenfehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>clinical judgement</source>
        <translation>klinische Einschätzung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>newer evidence</source>
        <translation>neuere Evidenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not applicable to the patient</source>
        <translation>auf den Patienten nicht anwendbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown (last dose missing)</source>
        <translation>unbekannt (letzte Dosis fehlt)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Conference report: %1</source>
        <translation>Konferenzbericht: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conference: %1, %2</source>
        <translation>Konferenz: %1, %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Case version %1</source>
        <translation>Fallversion %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unsaved case (not a stored version)</source>
        <translation>Nicht gespeicherter Fall (keine gespeicherte Version)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Case data</source>
        <translation>Falldaten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Medications:</source>
        <translation>Medikamente:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>last dose %1</source>
        <translation>letzte Dosis %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Failed therapies:</source>
        <translation>Erfolglose Therapien:</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+217"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>No result: the case has errors that prevent evaluation.</source>
        <translation>Kein Ergebnis: Der Fall enthält Fehler, die eine Auswertung verhindern.</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>What would change the answer:</source>
        <translation>Was das Ergebnis ändern würde:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Decisive criteria and sources</source>
        <translation>Entscheidende Kriterien und Quellen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Explanation</source>
        <translation>Erläuterung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>Evidenz</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Derived values</source>
        <translation>Abgeleitete Werte</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Washout end dates</source>
        <translation>Ende der Auswaschphasen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before leukapheresis:</source>
        <translation>Vor der Leukapherese:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before the first bispecific dose:</source>
        <translation>Vor der ersten Dosis des bispezifischen Antikörpers:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Washout not defined by the evidence (decide locally):</source>
        <translation>Auswaschphase in der Evidenz nicht festgelegt (lokal entscheiden):</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Logistics timeline</source>
        <translation>Zeitplan der Logistik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toxicity</source>
        <translation>Toxizität</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bars are labelled k/n (patients affected / patients studied), or with the reported percentage where the count is not known; the whiskers are the 95% confidence interval (Wilson score). Oncology figures are the grey &quot;oncology reference&quot; bars. &quot;not found&quot; (NF) means no rate was found, not zero.</source>
        <translation>Die Balken sind mit k/n beschriftet (betroffene / untersuchte Patienten) oder, wenn die Anzahl nicht bekannt ist, mit dem berichteten Prozentsatz; die Fehlerbalken zeigen das 95%-Konfidenzintervall (Wilson-Score). Onkologische Zahlen sind die grauen Balken „onkologische Referenz“. „nicht gefunden“ (NF) bedeutet, dass keine Rate gefunden wurde, nicht null.</translation>
    </message>
    <message>
        <source>Autoimmune-cohort rates are shown with n on every bar; oncology figures are labelled &quot;oncology reference&quot;; hatched bars mean no data (NF), not zero.</source>
        <translation type="vanished">Raten aus Autoimmun-Kohorten stehen mit n an jedem Balken; onkologische Zahlen sind als „onkologische Referenz“ gekennzeichnet; schraffierte Balken bedeuten „keine Daten“ (NF), nicht null.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No decision recorded.</source>
        <translation>Keine Entscheidung erfasst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>deferred</source>
        <translation>vertagt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>final (%1, %2)</source>
        <translation>endgültig (%1, %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draft, not finalised</source>
        <translation>Entwurf, nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rationale:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Participant</source>
        <translation>Teilnehmer/in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Fachrichtung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Position</source>
        <translation>Votum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no position yet</source>
        <translation>noch kein Votum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ The decision was made with dissent.</source>
        <translation>⚠ Die Entscheidung fiel mit abweichendem Votum.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overrides of criteria:</source>
        <translation>Übersteuerte Kriterien:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Participants:</source>
        <translation>Teilnehmende:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rule pack</source>
        <translation>Regelwerk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 version %2 (%3), sign-off: %4</source>
        <translation>%1 Version %2 (%3), Freigabe: %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engine %1</source>
        <translation>Engine %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded: %1</source>
        <translation>Geladen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The decision was made under rule pack %1 %2 (sha256 %3).</source>
        <translation>Die Entscheidung fiel unter dem Regelwerk %1 %2 (sha256 %3).</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>cannot set the page size</source>
        <translation>Seitengröße kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conference report %1</source>
        <translation>Konferenzbericht %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>consilium::CriteriaModel</name>
    <message>
        <location filename="../compare/CriteriaModel.cpp" line="+60"/>
        <source>from the option</source>
        <translation>aus Produkt/Studie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from the arm</source>
        <translation>aus der Option</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criterion</source>
        <translation>Kriterium</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explanation</source>
        <translation>Erläuterung</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+25"/>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence</source>
        <translation>Evidenz</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>decides the verdict</source>
        <translation>entscheidet das Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>does not decide the verdict</source>
        <translation>entscheidet das Ergebnis nicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence:</source>
        <translation>Evidenz:</translation>
    </message>
</context>
<context>
    <name>consilium::DecisionPanel</name>
    <message>
        <location filename="../decision/DecisionPanel.cpp" line="+63"/>
        <source>Case conference %1</source>
        <translation>Fallkonferenz %1</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>&amp;Open decision for today&apos;s conference</source>
        <translation>Entscheidung für die heutige Konferenz &amp;öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Correct decision</source>
        <translation>Entscheidung &amp;korrigieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as F&amp;HIR…</source>
        <translation>Als F&amp;HIR exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this decision as a FHIR R4 Bundle for the hospital record</source>
        <translation>Diese Entscheidung als FHIR-R4-Bundle für die Krankenhausakte speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;outcome</source>
        <translation>Ergebnis &amp;erfassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;position</source>
        <translation>&amp;Votum erfassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add o&amp;verride</source>
        <translation>Über&amp;steuerung hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finalise</source>
        <translation>&amp;Abschließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <location line="+11"/>
        <source>Participant</source>
        <translation>Teilnehmer/in</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Reason (required to disagree or abstain)</source>
        <translation>Begründung (nötig bei Ablehnung oder Enthaltung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the criterion is overridden</source>
        <translation>Warum das Kriterium übersteuert wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Rationale</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+10"/>
        <source>Role</source>
        <translation>Fachrichtung</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+9"/>
        <source>Position</source>
        <translation>Votum</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Criterion to override</source>
        <translation>Zu übersteuerndes Kriterium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason code</source>
        <translation>Begründungsschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override text</source>
        <translation>Text der Übersteuerung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Required roles and positions</source>
        <translation>Erforderliche Fachrichtungen und Voten</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>Overrides of criteria</source>
        <translation>Übersteuerte Kriterien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chosen &amp;option:</source>
        <translation>Gewählte &amp;Option:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rationale:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— not chosen yet —</source>
        <translation>— noch nicht gewählt —</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Defer the decision</source>
        <translation>Entscheidung vertagen</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+150"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>No case selected.</source>
        <translation>Kein Fall ausgewählt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No decision recorded for this case yet.</source>
        <translation>Für diesen Fall ist noch keine Entscheidung erfasst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a decision first.</source>
        <translation>Öffnen Sie zuerst eine Entscheidung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Final decision #%1, finalised %2 by %3</source>
        <translation>Endgültige Entscheidung Nr. %1, abgeschlossen %2 von %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft decision #%1</source>
        <translation>Entscheidungsentwurf Nr. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>case version %1 · rule pack %2 %3</source>
        <translation>Fallversion %1 · Regelwerk %2 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>corrects #%1</source>
        <translation>korrigiert Nr. %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1 (recorded by %2)</source>
        <translation>%1 (erfasst von %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (recorded by %2, who does not sign for this role)</source>
        <translation>%1 (erfasst von %2, der für diese Rolle nicht zeichnet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2) disagrees: %3</source>
        <translation>%1 (%2) lehnt ab: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to be recorded by %1</source>
        <translation>zu erfassen von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>? waiting</source>
        <translation>? ausstehend</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dissent: </source>
        <translation>Abweichendes Votum: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Finalised.</source>
        <translation>Abgeschlossen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose an option or defer, then record the outcome.</source>
        <translation>Wählen Sie eine Option oder vertagen Sie, dann erfassen Sie das Ergebnis.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for a position from: %1</source>
        <translation>Votum steht noch aus von: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every required role has answered: %1</source>
        <translation>Alle erforderlichen Fachrichtungen haben votiert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deferred</source>
        <translation>vertagt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose an option or &quot;Defer the decision&quot; first.</source>
        <translation>Wählen Sie zuerst eine Option oder „Entscheidung vertagen“.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Finalise decision</source>
        <translation>Entscheidung abschließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A finalised decision cannot be changed, only corrected by a new decision. Finalise now?</source>
        <translation>Eine abgeschlossene Entscheidung kann nicht geändert, nur durch eine neue Entscheidung korrigiert werden. Jetzt abschließen?</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <location line="+8"/>
        <source>Export as FHIR</source>
        <translation>Als FHIR exportieren</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>FHIR JSON files (*.json)</source>
        <translation>FHIR-JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Decision #%1 saved as a FHIR R4 Bundle in %2.</source>
        <translation>Entscheidung #%1 als FHIR-R4-Bundle in %2 gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision #%1 saved as a FHIR R4 Bundle in %2.

Not exported (no code or unit for exchange in the rule pack):
%3</source>
        <translation>Entscheidung #%1 als FHIR-R4-Bundle in %2 gespeichert.

Nicht exportiert (kein Code und keine Einheit für den Austausch im Regelwerk):
%3</translation>
    </message>
</context>
<context>
    <name>consilium::DerivedModel</name>
    <message>
        <location filename="../compare/DerivedModel.cpp" line="+40"/>
        <source>142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age (× 1.012 if female)</source>
        <translation>142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1,200 × 0,9938^Alter (× 1,012 bei Frauen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(140 − age) × weight / (72 × Scr) (× 0.85 if female)</source>
        <translation>(140 − Alter) × Gewicht / (72 × Scr) (× 0,85 bei Frauen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LDH × creatinine / platelets</source>
        <translation>LDH × Kreatinin / Thrombozyten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LDH × CRP / platelets</source>
        <translation>LDH × CRP / Thrombozyten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sum of the component points</source>
        <translation>Summe der Teilpunkte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>category of the score</source>
        <translation>Kategorie des Scores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first matching band</source>
        <translation>erster zutreffender Bereich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Σ daily dose × 5 / equivalent dose of the agent</source>
        <translation>Σ Tagesdosis × 5 / Äquivalenzdosis des Wirkstoffs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latest washout end of the current medications</source>
        <translation>spätestes Ende der Auswaschphasen der aktuellen Medikamente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latest pre-bispecific washout end</source>
        <translation>spätestes Ende der Auswaschphase vor dem bispezifischen Antikörper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date on or before the as-of date</source>
        <translation>Datum am oder vor dem Stichtag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>distinct failed agents that count as a line</source>
        <translation>verschiedene erfolglose Wirkstoffe, die als Therapielinie zählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>agent among the current medications</source>
        <translation>Wirkstoff unter den aktuellen Medikamenten</translation>
    </message>
    <message>
        <source>Validated in adults; this patient is under 18.</source>
        <translation type="vanished">Bei Erwachsenen validiert; diese Person ist jünger als 18.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source> (components missing)</source>
        <translation> (Bestandteile fehlen)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Formula and citation</source>
        <translation>Formel und Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applicability</source>
        <translation>Anwendbarkeit</translation>
    </message>
</context>
<context>
    <name>consilium::DrillDownDialog</name>
    <message>
        <location filename="../compare/DrillDownDialog.cpp" line="+45"/>
        <location line="+34"/>
        <source>Criteria</source>
        <translation>Kriterien</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation type="vanished">Option</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Arm or option</source>
        <translation>Option oder Produkt/Studie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only what &amp;decides the verdict</source>
        <translation>Nur was das Ergebnis &amp;entscheidet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show criteria in state</source>
        <translation>Kriterien mit Status anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Criterion details</source>
        <translation>Details zum Kriterium</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Criteria: %1</source>
        <translation>Kriterien: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Earliest start: %1</source>
        <translation>Frühester Start: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(ineligible: not a start date)</source>
        <translation>(nicht geeignet: kein Starttermin)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missing data: %1</source>
        <translation>Fehlende Daten: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What would change this option&apos;s answer: nothing is missing for its exclusion criteria.</source>
        <translation>Was das Ergebnis für dieses Produkt bzw. diese Studie ändern würde: für die Ausschlusskriterien fehlt nichts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What would change this option&apos;s answer: %1</source>
        <translation>Was das Ergebnis für dieses Produkt bzw. diese Studie ändern würde: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Criteria: %1 (%2)</source>
        <translation>Kriterien: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>consilium::EditCommands</name>
    <message>
        <location filename="../editor/EditCommands.cpp" line="+21"/>
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Change case details</source>
        <translation>Falldaten ändern</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Change medication</source>
        <translation>Medikament ändern</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add medication</source>
        <translation>Medikament hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove medication</source>
        <translation>Medikament entfernen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Medication list recorded</source>
        <translation>Medikamentenliste erfasst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medication list not recorded</source>
        <translation>Medikamentenliste nicht erfasst</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Change failed therapies</source>
        <translation>Erfolglose Therapien ändern</translation>
    </message>
</context>
<context>
    <name>consilium::FactField</name>
    <message>
        <location filename="../editor/FactField.cpp" line="+68"/>
        <source>Unit of %1</source>
        <translation>Einheit von %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>State of %1</source>
        <translation>Status von %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Date of %1</source>
        <translation>Datum von %1</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Date of the measurement (YYYY-MM-DD), optional</source>
        <translation type="vanished">Datum der Messung (JJJJ-MM-TT), optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of the measurement (YYYY-MM-DD), optional; from the value: Alt+W</source>
        <translation>Datum der Messung (JJJJ-MM-TT), optional; vom Wert aus: Alt+W</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit of the value; from the value: Alt+U</source>
        <translation>Einheit des Werts; vom Wert aus: Alt+U</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A value, not evaluated or unknown; from the value: Alt+S</source>
        <translation>Wert, nicht erhoben oder unbekannt; vom Wert aus: Alt+S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown (stated)</source>
        <translation>unbekannt (angegeben)</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>needed by an arm</source>
        <translation>für eine Option benötigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needed to settle an arm&apos;s verdict</source>
        <translation>Wird benötigt, um das Ergebnis einer Option zu klären</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n day(s) before as-of</source>
        <translation>
            <numerusform>%n Tag vor dem Stichtag</numerusform>
            <numerusform>%n Tage vor dem Stichtag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) after as-of</source>
        <translation>
            <numerusform>%n Tag nach dem Stichtag</numerusform>
            <numerusform>%n Tage nach dem Stichtag</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>did you mean %1?</source>
        <translation>meinten Sie %1?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
</context>
<context>
    <name>consilium::FhirImportDialog</name>
    <message>
        <location filename="../shell/FhirImportDialog.cpp" line="+21"/>
        <source>FHIR import report</source>
        <translation>FHIR-Importbericht</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+11"/>
        <source>Import from FHIR</source>
        <translation>Aus FHIR importieren</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cannot be imported.</source>
        <translation>%1 kann nicht importiert werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The draft is open in the case editor and not saved. %1 values were imported, %2 ignored, %3 could not be read (errors). Review the draft against this report before saving.</source>
        <translation>Der Entwurf ist im Fall-Editor geöffnet und nicht gespeichert. %1 Werte wurden übernommen, %2 ignoriert, %3 konnten nicht gelesen werden (Fehler). Prüfen Sie den Entwurf vor dem Speichern anhand dieses Berichts.</translation>
    </message>
</context>
<context>
    <name>consilium::FollowUpDialog</name>
    <message>
        <location filename="../decision/FollowUpDialog.cpp" line="+52"/>
        <source>Treatment date</source>
        <translation>Behandlungsdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Arm or option</source>
        <translation>Option oder Produkt/Studie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot or trial id</source>
        <translation>Charge oder Studien-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lymphodepletion</source>
        <translation>Lymphodepletion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcomes</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time point</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessed on</source>
        <translation>Erhoben am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS grade</source>
        <translation>CRS-Grad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS onset</source>
        <translation>CRS-Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS resolved</source>
        <translation>CRS abgeklungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS grade</source>
        <translation>ICANS-Grad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS onset</source>
        <translation>ICANS-Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS resolved</source>
        <translation>ICANS abgeklungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICAHT grade</source>
        <translation>ICAHT-Grad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infection (free text)</source>
        <translation>Infektion (Freitext)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response</source>
        <translation>Ansprechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of death</source>
        <translation>Todesdatum</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+139"/>
        <source>Day %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Follow-up of decision #%1</source>
        <translation>Nachbeobachtung der Entscheidung #%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision #%1 on case %2: %3 · finalised %4 by %5</source>
        <translation>Entscheidung #%1 zu Fall %2: %3 · abgeschlossen %4 von %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deferred</source>
        <translation>vertagt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Carried out</source>
        <translation>&amp;Durchgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Not carried out</source>
        <translation>&amp;Nicht durchgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carried out</source>
        <translation>Durchgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not carried out</source>
        <translation>Nicht durchgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as on the product label or in the trial</source>
        <translation>wie auf dem Produktetikett oder in der Studie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>details (free text)</source>
        <translation>Einzelheiten (Freitext)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Treatment date (infusion / start):</source>
        <translation>&amp;Behandlungsdatum (Infusion / Beginn):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Arm or option:</source>
        <translation>&amp;Option oder Produkt/Studie:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lot or trial id:</source>
        <translation>&amp;Charge oder Studien-ID:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L&amp;ymphodepletion:</source>
        <translation>L&amp;ymphodepletion:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>D&amp;etails:</source>
        <translation>&amp;Einzelheiten:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>— not stated —</source>
        <translation>— nicht angegeben —</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>— choose a reason —</source>
        <translation>— Grund wählen —</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Status: choose &quot;Carried out&quot; or &quot;Not carried out&quot;</source>
        <translation>Status: „Durchgeführt“ oder „Nicht durchgeführt“ wählen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Treatment date: &quot;%1&quot; is not a date (YYYY-MM-DD)</source>
        <translation>Behandlungsdatum: „%1“ ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+7"/>
        <source>The follow-up was not saved:</source>
        <translation>Die Nachbeobachtung wurde nicht gespeichert:</translation>
    </message>
</context>
<context>
    <name>consilium::FollowUpDueDialog</name>
    <message>
        <location filename="../decision/FollowUpDue.cpp" line="+25"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>⚠ overdue by %n day(s)</source>
        <translation>
            <numerusform>⚠ seit %n Tag überfällig</numerusform>
            <numerusform>⚠ seit %n Tagen überfällig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>heute fällig</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>fällig in %n Tag</numerusform>
            <numerusform>fällig in %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+2"/>
        <source>Follow-up due</source>
        <translation>Fällige Nachbeobachtungen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The follow-up records cannot be read: %1</source>
        <translation>Die Nachbeobachtungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>#%1 (finalised %2)</source>
        <translation>#%1 (abgeschlossen %2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing is due as of %1.</source>
        <translation>Zum %1 ist nichts fällig.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>As of %1: %n item(s) due, %2 of them overdue.</source>
        <translation>
            <numerusform>Zum %1: %n Eintrag fällig, davon %2 überfällig.</numerusform>
            <numerusform>Zum %1: %n Einträge fällig, davon %2 überfällig.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>consilium::FollowUpOutcomeForm</name>
    <message>
        <location filename="../decision/FollowUpForm.cpp" line="+122"/>
        <source>&amp;Assessed on:</source>
        <translation>&amp;Erhoben am:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;CRS (highest ASTCT grade):</source>
        <translation>&amp;CRS (höchster ASTCT-Grad):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;ICANS (highest ASTCT grade):</source>
        <translation>&amp;ICANS (höchster ASTCT-Grad):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICA&amp;HT (grade):</source>
        <translation>ICA&amp;HT (Grad):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In&amp;fection grade ≥ 3:</source>
        <translation>In&amp;fektion Grad ≥ 3:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Response:</source>
        <translation>&amp;Ansprechen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Died:</source>
        <translation>&amp;Verstorben:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>onset %1</source>
        <translation>Beginn %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolved %1</source>
        <translation>abgeklungen %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date of death %1</source>
        <translation>Todesdatum %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>which infection (free text)</source>
        <translation>welche Infektion (Freitext)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Day %1 · %2: &quot;%3&quot; is not a date (YYYY-MM-DD)</source>
        <translation>Tag %1 · %2: „%3“ ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>assessed on</source>
        <translation>erhoben am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS onset</source>
        <translation>CRS-Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS resolved</source>
        <translation>CRS abgeklungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS onset</source>
        <translation>ICANS-Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS resolved</source>
        <translation>ICANS abgeklungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>date of death</source>
        <translation>Todesdatum</translation>
    </message>
</context>
<context>
    <name>consilium::FollowUpText</name>
    <message>
        <location filename="../decision/FollowUpText.cpp" line="+36"/>
        <source>patient declined</source>
        <translation>Patient/in hat abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no longer eligible</source>
        <translation>nicht mehr geeignet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no treatment slot</source>
        <translation>kein Behandlungsplatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insurer refused</source>
        <translation>Kostenträger hat abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>condition deteriorated</source>
        <translation>Zustand verschlechtert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient died</source>
        <translation>Patient/in verstorben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other reason</source>
        <translation>anderer Grund</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>complete remission</source>
        <translation>komplette Remission</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partial response</source>
        <translation>partielles Ansprechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no response</source>
        <translation>kein Ansprechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>progression</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not evaluable</source>
        <translation>nicht beurteilbar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>follow-up record</source>
        <translation>Nachbeobachtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day 28 outcomes</source>
        <translation>Verlauf an Tag 28</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day 100 outcomes</source>
        <translation>Verlauf an Tag 100</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>grade 0 (none)</source>
        <translation>Grad 0 (keins)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>grade 5 (fatal)</source>
        <translation>Grad 5 (tödlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grade %1</source>
        <translation>Grad %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>fludarabine + cyclophosphamide</source>
        <translation>Fludarabin + Cyclophosphamid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cyclophosphamide only</source>
        <translation>nur Cyclophosphamid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bendamustine</source>
        <translation>Bendamustin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no lymphodepletion</source>
        <translation>keine Lymphodepletion</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not carried out: %1</source>
        <translation>Nicht durchgeführt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carried out (date not recorded)</source>
        <translation>Durchgeführt (Datum nicht erfasst)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Carried out %1</source>
        <translation>Durchgeführt am %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>day %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>outcomes: %1</source>
        <translation>Verlauf: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>onset %1</source>
        <translation>Beginn %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolved %1</source>
        <translation>abgeklungen %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Assessed on</source>
        <translation>Erhoben am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS</source>
        <translation>ICANS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICAHT</source>
        <translation>ICAHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infection grade ≥ 3</source>
        <translation>Infektion Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response</source>
        <translation>Ansprechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Died</source>
        <translation>Verstorben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+37"/>
        <location line="+3"/>
        <source>Follow-up:</source>
        <translation>Nachbeobachtung:</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Recorded %1 by %2</source>
        <translation>Erfasst %1 von %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>lot or trial id %1</source>
        <translation>Charge oder Studien-ID %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lymphodepletion: %1</source>
        <translation>Lymphodepletion: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot be read</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not carried out</source>
        <translation>nicht durchgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>carried out</source>
        <translation>durchgeführt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>treated %1</source>
        <translation>behandelt %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>none recorded yet.</source>
        <translation>noch keine erfasst.</translation>
    </message>
</context>
<context>
    <name>consilium::HistoryPanel</name>
    <message>
        <location filename="../decision/HistoryPanel.cpp" line="+156"/>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule pack</source>
        <translation>Regelwerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+151"/>
        <source>Follow-up</source>
        <translation>Nachbeobachtung</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Replay with its rules</source>
        <translation>Mit den damaligen Regeln &amp;nachrechnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare with &amp;today&apos;s rules</source>
        <translation>Mit den &amp;heutigen Regeln vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;follow-up…</source>
        <translation>&amp;Nachbeobachtung erfassen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decisions of this case</source>
        <translation>Entscheidungen zu diesem Fall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions of this case</source>
        <translation>Versionen dieses Falls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision details</source>
        <translation>Details der Entscheidung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>deferred</source>
        <translation>vertagt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>final</source>
        <translation>endgültig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location filename="../decision/VersionText.cpp" line="+37"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(not entered)</source>
        <translation>(nicht eingegeben)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(not recorded)</source>
        <translation>(nicht erfasst)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../decision/HistoryPanel.cpp" line="+131"/>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved %1 by %2</source>
        <translation>Gespeichert am %1 von %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verdicts (rule pack %1 %2):</source>
        <translation>Ergebnisse (Regelwerk %1 %2):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This version has not been evaluated.</source>
        <translation>Diese Version wurde nicht ausgewertet.</translation>
    </message>
    <message>
        <location filename="../decision/VersionText.cpp" line="+8"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As of</source>
        <translation>Stichtag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jurisdiction</source>
        <translation>Rechtsraum</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+28"/>
        <source>Medications</source>
        <translation>Medikamente</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+31"/>
        <source>Failed therapies</source>
        <translation>Erfolglose Therapien</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Changes from version %1:</source>
        <translation>Änderungen gegenüber Version %1:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No change in the data.</source>
        <translation>Keine Änderung der Daten.</translation>
    </message>
    <message>
        <location filename="../decision/HistoryPanel.cpp" line="+5"/>
        <source>The first version.</source>
        <translation>Die erste Version.</translation>
    </message>
    <message>
        <location filename="../decision/VersionText.cpp" line="+10"/>
        <source>Data of this version:</source>
        <translation>Daten dieser Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As of %1 · %2</source>
        <translation>Stichtag %1 · %2</translation>
    </message>
    <message>
        <location filename="../decision/HistoryPanel.cpp" line="+29"/>
        <source>Decision #%1</source>
        <translation>Entscheidung Nr. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case version %1 · rule pack %2 %3 (sha256 %4) · engine %5</source>
        <translation>Fallversion %1 · Regelwerk %2 %3 (sha256 %4) · Engine %5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rationale:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions</source>
        <translation>Voten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorder not recorded</source>
        <translation>erfassende Person nicht festgehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recorded by %1</source>
        <translation>erfasst von %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overrides</source>
        <translation>Übersteuerungen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Replay failed:</source>
        <translation>Nachrechnen fehlgeschlagen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replay: identical result with the pinned rule pack (byte for byte).</source>
        <translation>Nachrechnung: identisches Ergebnis mit dem damaligen Regelwerk (Byte für Byte).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replay: the result differs.</source>
        <translation>Nachrechnung: Das Ergebnis weicht ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(the engine version changed since)</source>
        <translation>(die Engine-Version hat sich seither geändert)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Comparison failed:</source>
        <translation>Vergleich fehlgeschlagen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Under today&apos;s rules (%1 %2) nothing would change.</source>
        <translation>Unter den heutigen Regeln (%1 %2) würde sich nichts ändern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What would change under today&apos;s rules (%1 %2):</source>
        <translation>Was sich unter den heutigen Regeln (%1 %2) ändern würde:</translation>
    </message>
</context>
<context>
    <name>consilium::IdentityDialog</name>
    <message>
        <location filename="../settings/SettingsDialog.cpp" line="+123"/>
        <source>Who is working?</source>
        <translation>Wer arbeitet hier?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions, decisions and the audit log record who made them. Enter your name and role once; you can change them later in Settings.</source>
        <translation>Versionen, Entscheidungen und das Prüfprotokoll halten fest, wer sie erstellt hat. Geben Sie Ihren Namen und Ihre Fachrichtung einmal ein; Sie können beides später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Display name</source>
        <translation>Angezeigter Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <translation>Fachrichtung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Display &amp;name:</source>
        <translation>Angezeigter &amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Fachrichtung:</translation>
    </message>
</context>
<context>
    <name>consilium::ImpactDialog</name>
    <message>
        <location filename="../packs/ImpactDialog.cpp" line="+53"/>
        <location line="+180"/>
        <source>Impact of a rule pack</source>
        <translation>Auswirkung eines Regelwerks</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>Choose a candidate rule pack: every stored case is evaluated under the active pack and under the candidate. Nothing is stored and nothing is activated.</source>
        <translation>Wählen Sie ein Kandidaten-Regelwerk: Jeder gespeicherte Fall wird unter dem aktiven Regelwerk und unter dem Kandidaten bewertet. Nichts wird gespeichert und nichts aktiviert.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Choose candidate pack…</source>
        <translation>&amp;Kandidaten-Regelwerk wählen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Double-click or press Enter on a case to open it in the main window.</source>
        <translation>Doppelklick oder Eingabetaste auf einem Fall öffnet ihn im Hauptfenster.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transitions</source>
        <translation>Übergänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earliest start</source>
        <translation>Frühester Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed cases</source>
        <translation>Geänderte Fälle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not valid</source>
        <translation>Nicht gültig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;JSON…</source>
        <translation>&amp;JSON exportieren…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Active pack: %1</source>
        <translation>Aktives Regelwerk: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Candidate rule pack</source>
        <translation>Kandidaten-Regelwerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule packs (*.json)</source>
        <translation>Regelwerke (*.json)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Rule pack refused</source>
        <translation>Regelwerk abgelehnt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The pack was refused; its impact is not computed.</source>
        <translation>Das Regelwerk wurde abgelehnt; seine Auswirkung wird nicht berechnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The candidate is not signed by a trusted key and the override was not confirmed: its impact is not computed.</source>
        <translation>Der Kandidat ist nicht mit einem vertrauenswürdigen Schlüssel signiert und die Ausnahme wurde nicht bestätigt: Seine Auswirkung wird nicht berechnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The candidate pack was refused (%n problem(s)): its impact is not computed.</source>
        <translation>
            <numerusform>Das Kandidaten-Regelwerk wurde abgelehnt (%n Problem): Seine Auswirkung wird nicht berechnet.</numerusform>
            <numerusform>Das Kandidaten-Regelwerk wurde abgelehnt (%n Probleme): Seine Auswirkung wird nicht berechnet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Active pack: %1
Candidate: %2%3</source>
        <translation>Aktives Regelwerk: %1
Kandidat: %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — not signed by a trusted key (override confirmed)</source>
        <translation> — nicht mit einem vertrauenswürdigen Schlüssel signiert (Ausnahme bestätigt)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Evaluating the stored cases under both packs…</source>
        <translation>Die gespeicherten Fälle werden unter beiden Regelwerken bewertet…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling: the batch of cases under way is finished first…</source>
        <translation>Wird abgebrochen: Die laufende Gruppe von Fällen wird noch zu Ende bewertet…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Evaluated %1 of %2 cases under both packs…</source>
        <translation>%1 von %2 Fällen unter beiden Regelwerken bewertet…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The impact could not be computed: %1</source>
        <translation>Die Auswirkung konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled: the figures cover only the %1 of %2 cases done so far.</source>
        <translation>Abgebrochen: Die Zahlen umfassen nur die %1 von %2 Fällen, die bis dahin bewertet waren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The register holds no cases: there is nothing the candidate could change.</source>
        <translation>Das Register enthält keine Fälle: Der Kandidat kann nichts ändern.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>None of the %n case(s) evaluated under both packs changes under the candidate.</source>
        <translation>
            <numerusform>Der %n unter beiden Regelwerken bewertete Fall ändert sich unter dem Kandidaten nicht.</numerusform>
            <numerusform>Keiner der %n unter beiden Regelwerken bewerteten Fälle ändert sich unter dem Kandidaten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of the %n case(s) evaluated under both packs change under the candidate.</source>
        <translation>
            <numerusform>%1 von %n unter beiden Regelwerken bewertetem Fall ändert sich unter dem Kandidaten.</numerusform>
            <numerusform>%1 der %n unter beiden Regelwerken bewerteten Fälle ändern sich unter dem Kandidaten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n case(s) could not be evaluated under one of the packs (see “Not valid”).</source>
        <translation>
            <numerusform>%n Fall konnte unter einem der Regelwerke nicht bewertet werden (siehe „Nicht gültig“).</numerusform>
            <numerusform>%n Fälle konnten unter einem der Regelwerke nicht bewertet werden (siehe „Nicht gültig“).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was stored or activated.</source>
        <translation>Nichts wurde gespeichert oder aktiviert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Changed cases (%1)</source>
        <translation>Geänderte Fälle (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not valid (%1)</source>
        <translation>Nicht gültig (%1)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export JSON</source>
        <translation>JSON exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
</context>
<context>
    <name>consilium::ImpactViews</name>
    <message>
        <location filename="../packs/ImpactViews.cpp" line="+93"/>
        <source>%1 (under %2)</source>
        <translation>%1 (unter %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+7"/>
        <source>not in this pack</source>
        <translation>nicht in diesem Regelwerk</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active pack</source>
        <translation>Aktives Regelwerk</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+76"/>
        <location line="+13"/>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changed to %1</source>
        <translation>Geändert zu %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Verdicts per group: active pack → candidate</source>
        <translation>Ergebnisse je Gruppe: aktives Regelwerk → Kandidat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Arm</source>
        <translation>Option</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earliest start moves by</source>
        <translation>Frühester Start verschiebt sich um</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>known under one pack only</source>
        <translation>nur unter einem Regelwerk bekannt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdicts that change</source>
        <translation>Geänderte Ergebnisse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Criteria that change</source>
        <translation>Geänderte Kriterien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earliest start</source>
        <translation>Frühester Start</translation>
    </message>
</context>
<context>
    <name>consilium::Labels</name>
    <message>
        <location filename="../common/Labels.cpp" line="+12"/>
        <source>Autologous CAR T</source>
        <translation>Autologe CAR-T-Zelltherapie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allogeneic CAR T</source>
        <translation>Allogene CAR-T-Zellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bispecific T-cell engager (TCE)</source>
        <translation>Bispezifischer T-Zell-Engager (TCE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard care</source>
        <translation>Standardtherapie</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Autologous
CAR T</source>
        <translation>Autologe
CAR-T-Zellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allogeneic
CAR T</source>
        <translation>Allogene
CAR-T-Zellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bispecific
(TCE)</source>
        <translation>Bispezifisch
(TCE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard
care</source>
        <translation>Standard-
therapie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Autologous HSCT (within standard care)</source>
        <translation>Autologe Stammzelltransplantation (aHSZT, innerhalb der Standardtherapie)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Eligible</source>
        <translation>Geeignet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eligible with cautions</source>
        <translation>Geeignet mit Einschränkungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undetermined</source>
        <translation>Unbestimmt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ineligible</source>
        <translation>Nicht geeignet</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+42"/>
        <source>Not applicable</source>
        <translation>Nicht zutreffend</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+192"/>
        <source>not evaluated</source>
        <translation>nicht erhoben</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>Met</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not met</source>
        <translation>Nicht erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Exclusion</source>
        <translation>Ausschluss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caution</source>
        <translation>Einschränkung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demographics</source>
        <translation>Stammdaten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disease and activity</source>
        <translation>Erkrankung und Aktivität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organ function</source>
        <translation>Organfunktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Laboratory values</source>
        <translation>Laborwerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Infection and serology</source>
        <translation>Infektion und Serologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>Vorgeschichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logistics and access</source>
        <translation>Logistik und Zugang</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Washout</source>
        <translation>Auswaschphase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leukapheresis</source>
        <translation>Leukapherese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manufacturing</source>
        <translation>Herstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bridging therapy</source>
        <translation>Überbrückungstherapie (Bridging)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lymphodepletion</source>
        <translation>Lymphodepletion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infusion</source>
        <translation>Infusion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infusion course</source>
        <translation>Infusionszyklus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injection</source>
        <translation>Injektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inpatient monitoring</source>
        <translation>Stationäre Überwachung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proximity window</source>
        <translation>Aufenthalt in Zentrumsnähe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No driving</source>
        <translation>Fahrverbot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Irradiated blood products</source>
        <translation>Bestrahlte Blutprodukte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step-up doses (inpatient)</source>
        <translation>Step-up-Dosierung (stationär)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance dose</source>
        <translation>Erhaltungsdosis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infection prophylaxis</source>
        <translation>Infektionsprophylaxe</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICANS</source>
        <translation>ICANS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low blood counts (ICAHT)</source>
        <translation>Niedrige Blutwerte (ICAHT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Infection</source>
        <translation>Infektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LICATS</source>
        <translation>LICATS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hypogammaglobulinaemia</source>
        <translation>Hypogammaglobulinämie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondary malignancy</source>
        <translation>Sekundäres Malignom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GvHD</source>
        <translation>GvHD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejection</source>
        <translation>Abstoßung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Treatment-related mortality</source>
        <translation>Therapieassoziierte Mortalität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Immunosuppression toxicity</source>
        <translation>Toxizität der Immunsuppression</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Low IgG</source>
        <translation>Niedriges IgG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2nd malignancy</source>
        <translation>Zweitmalignom</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IS toxicity</source>
        <translation>IS-Toxizität</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rheumatology</source>
        <translation>Rheumatologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cellular therapy</source>
        <translation>Zelltherapie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Infectious diseases</source>
        <translation>Infektiologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neurology</source>
        <translation>Neurologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nephrology</source>
        <translation>Nephrologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinator</source>
        <translation>Koordination</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Agree</source>
        <translation>Zustimmung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disagree</source>
        <translation>Ablehnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abstain</source>
        <translation>Enthaltung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>EU</source>
        <translation>EU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>US</source>
        <translation>USA</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decision support only: the multidisciplinary team is responsible for the decision</source>
        <translation>Nur Entscheidungsunterstützung: Die Verantwortung für die Entscheidung trägt das interdisziplinäre Team</translation>
    </message>
</context>
<context>
    <name>consilium::LocalOutcomes</name>
    <message>
        <location filename="../toxicity/LocalOutcomes.cpp" line="+80"/>
        <source>n unknown</source>
        <translation>n unbekannt</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+96"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>CRS, any grade</source>
        <translation>CRS, alle Grade</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CRS, grade ≥ 3</source>
        <translation>CRS, Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ICANS, any grade</source>
        <translation>ICANS, alle Grade</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ICANS, grade ≥ 3</source>
        <translation>ICANS, Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ICAHT, grade ≥ 3</source>
        <translation>ICAHT, Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Infection, grade ≥ 3</source>
        <translation>Infektion, Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No follow-up recorded at this site yet for a treated patient.</source>
        <translation>An diesem Zentrum ist noch keine Nachbeobachtung einer behandelten Person erfasst.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No follow-up recorded at this site yet for a patient treated with %1.</source>
        <translation>An diesem Zentrum ist noch keine Nachbeobachtung einer mit %1 behandelten Person erfasst.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Treated at this site with %1: %n patient(s) with a follow-up and a treatment date.</source>
        <translation>
            <numerusform>An diesem Zentrum mit %1 behandelt: %n Person mit Nachbeobachtung und Behandlungsdatum.</numerusform>
            <numerusform>An diesem Zentrum mit %1 behandelt: %n Personen mit Nachbeobachtung und Behandlungsdatum.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Patients affected (%)</source>
        <translation>Betroffene Patienten (%)</translation>
    </message>
    <message>
        <source>95% confidence interval (Wilson)</source>
        <translation type="vanished">95%-Konfidenzintervall (Wilson)</translation>
    </message>
    <message>
        <source>%1: this site beside the published rates, k/n</source>
        <translation type="vanished">%1: dieses Zentrum neben den publizierten Raten, k/n</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+67"/>
        <source>This site</source>
        <translation>Dieses Zentrum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autoimmune cohort (published)</source>
        <translation>Autoimmun-Kohorte (publiziert)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Oncology reference (published)</source>
        <translation>Onkologische Referenz (publiziert)</translation>
    </message>
    <message>
        <location line="-12"/>
        <location filename="../reports/ConferenceReport.cpp" line="-28"/>
        <source>Outcomes at this site beside the literature</source>
        <translation>Verläufe an diesem Zentrum neben der Literatur</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>This site: patients with the event / patients for whom it is known (unknown is not counted as no); a percentage only from n = %1 on, always beside the count. Published: the rule pack&apos;s rates (k/n, or the reported percentage with its n), with the 95% confidence interval (Wilson score). &quot;not found&quot; means no published rate, not zero.</source>
        <translation>Dieses Zentrum: Personen mit dem Ereignis / Personen, bei denen es bekannt ist (unbekannt zählt nicht als nein); ein Prozentwert erst ab n = %1, immer neben der Anzahl. Publiziert: die Raten des Regelwerks (k/n oder der berichtete Prozentwert mit seinem n) mit dem 95%-Konfidenzintervall (Wilson-Score). „nicht gefunden“ heißt: keine publizierte Rate, nicht null.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Whiskers: the 95% confidence interval (Wilson score).</source>
        <translation>Fehlerbalken: das 95%-Konfidenzintervall (Wilson-Score).</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>95% CI (Wilson)</source>
        <translation>95%-KI (Wilson)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>this site beside the published rates, k/n</source>
        <translation>dieses Zentrum neben den publizierten Raten, k/n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autoimmune cohort</source>
        <translation>Autoimmun-Kohorte</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Measure</source>
        <translation>Merkmal</translation>
    </message>
</context>
<context>
    <name>consilium::LocalOutcomesView</name>
    <message>
        <location filename="../toxicity/LocalOutcomesView.cpp" line="+60"/>
        <source>Outcomes at this site beside the literature</source>
        <translation>Verläufe an diesem Zentrum neben der Literatur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart of the outcomes at this site and the published rates</source>
        <translation>Diagramm der Verläufe an diesem Zentrum und der publizierten Raten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcomes at this site and the published rates</source>
        <translation>Verläufe an diesem Zentrum und publizierte Raten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This site</source>
        <translation>Dieses Zentrum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Autoimmune cohort
(published)</source>
        <translation>Autoimmun-Kohorte
(publiziert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oncology reference
(published)</source>
        <translation>Onkologische Referenz
(publiziert)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The follow-up records cannot be read: %1</source>
        <translation>Die Nachbeobachtungen können nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>consilium::MainWindow</name>
    <message>
        <location filename="../shell/MainWindow.cpp" line="+106"/>
        <source>The database is reachable again; the window shows its current state.</source>
        <translation>Die Datenbank ist wieder erreichbar; das Fenster zeigt ihren aktuellen Stand.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database cannot be reached (%1). Unsaved edits are kept as a local draft; Consilium reconnects when the server is back.</source>
        <translation>Die Datenbank ist nicht erreichbar (%1). Ungespeicherte Änderungen bleiben als lokaler Entwurf erhalten; Consilium verbindet sich wieder, sobald der Server zurück ist.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Saved %1 as a new version.</source>
        <translation>%1 als neue Version gespeichert.</translation>
    </message>
    <message>
        <location line="+90"/>
        <location line="+127"/>
        <source>Open case file</source>
        <translation>Falldatei öffnen</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+152"/>
        <source>Case files (*.json)</source>
        <translation>Falldateien (*.json)</translation>
    </message>
    <message>
        <location line="-140"/>
        <location line="+160"/>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>Consilium databases (*.sqlite);;All files (*)</source>
        <translation>Consilium-Datenbanken (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About Consilium</source>
        <translation>Über Consilium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consilium %1
Rule pack %2 %3

%4</source>
        <translation>Consilium %1
Regelwerk %2 %3

%4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recent databases</source>
        <translation>&amp;Zuletzt verwendete Datenbanken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New case</source>
        <translation>&amp;Neuer Fall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open case file…</source>
        <translation>Falldatei ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import cases…</source>
        <translation>Fälle &amp;importieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import from &amp;FHIR…</source>
        <translation>Aus &amp;FHIR importieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save as new version</source>
        <translation>Als neue Version &amp;speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export conference report (PDF)…</source>
        <translation>Konferenzbericht &amp;exportieren (PDF) …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient &amp;handout (PDF)…</source>
        <translation>&amp;Patienteninformation (PDF) …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print report…</source>
        <translation>Bericht d&amp;rucken …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;database…</source>
        <translation>&amp;Datenbank öffnen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Present (conference mode)</source>
        <translation>&amp;Vorstellen (Konferenzmodus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;derived values</source>
        <translation>&amp;Abgeleitete Werte anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the case &amp;list</source>
        <translation>Zur &amp;Fallliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rule packs…</source>
        <translation>&amp;Regelwerke …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Impact of a rule pack…</source>
        <translation>&amp;Auswirkung eines Regelwerks…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow-up due…</source>
        <translation>&amp;Fällige Nachbeobachtungen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Consilium</source>
        <translation>&amp;Über Consilium</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Timeline</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Toxicity</source>
        <translation>Toxizität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History</source>
        <translation>Vorgeschichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show %1</source>
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> · sign-off: %1 · %2%3</source>
        <translation> · Freigabe: %1 · %2%3</translation>
    </message>
    <message>
        <source>Rule pack %1 %2 (%3) · %4%5</source>
        <translation type="vanished">Regelwerk %1 %2 (%3) · %4%5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Import cases</source>
        <translation>Fälle importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import from FHIR</source>
        <translation>Aus FHIR importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FHIR R4 bundles (*.json)</source>
        <translation>FHIR-R4-Bundles (*.json)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open %1.</source>
        <translation>%1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>Export conference report</source>
        <translation>Konferenzbericht exportieren</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+26"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Report written to %1</source>
        <translation>Bericht gespeichert unter %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <location line="+14"/>
        <source>Patient handout</source>
        <translation>Patienteninformation</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The case has errors that prevent evaluation.</source>
        <translation>Der Fall enthält Fehler, die eine Auswertung verhindern.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Handout written to %1</source>
        <translation>Patienteninformation gespeichert unter %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print report</source>
        <translation>Bericht drucken</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Conference</source>
        <translation>Konferenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No cases in the list to present.</source>
        <translation>Keine Fälle in der Liste zum Vorstellen.</translation>
    </message>
</context>
<context>
    <name>consilium::MedicationModel</name>
    <message>
        <location filename="../editor/MedicationModel.cpp" line="+74"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none required</source>
        <translation>keine nötig</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Agent</source>
        <translation>Wirkstoff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daily dose (mg)</source>
        <translation>Tagesdosis (mg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last dose</source>
        <translation>Letzte Dosis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Washout until</source>
        <translation>Auswaschphase bis</translation>
    </message>
</context>
<context>
    <name>consilium::OptionsModel</name>
    <message>
        <location filename="../compare/OptionsModel.cpp" line="+38"/>
        <source>trial</source>
        <translation>Studie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regimen</source>
        <translation>Therapieschema</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>status unknown: no jurisdiction</source>
        <translation>Status unbekannt: kein Rechtsraum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>approved</source>
        <translation>zugelassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>investigational</source>
        <translation>in klinischer Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>off-label</source>
        <translation>Off-Label</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no status found</source>
        <translation>kein Status gefunden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no status found (%1)</source>
        <translation>kein Status gefunden (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not encoded: check the protocol at screening.</source>
        <translation>Nicht kodiert: beim Screening das Protokoll prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not encoded, check at screening: %1</source>
        <translation>Nicht kodiert, beim Screening prüfen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Click for all criteria of this option</source>
        <translation>Klicken für alle Kriterien dieses Produkts bzw. dieser Studie</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>no further option</source>
        <translation>kein weiteres Produkt, keine weitere Studie</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>option</source>
        <translation>Produkt/Studie</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Option %1</source>
        <translation>Produkt/Studie %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Options of %1</source>
        <translation>Produkte und Studien: %1</translation>
    </message>
</context>
<context>
    <name>consilium::PackDialog</name>
    <message>
        <location filename="../packs/PackDialog.cpp" line="+73"/>
        <source>Rule packs</source>
        <translation>Regelwerke</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Active rule pack</source>
        <translation>Aktives Regelwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import problems:</source>
        <translation>Probleme beim Import:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import problems</source>
        <translation>Probleme beim Import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import site pack…</source>
        <translation>Regelwerk des Standorts &amp;importieren …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the &amp;built-in pack</source>
        <translation>&amp;Eingebautes Regelwerk verwenden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import rule pack</source>
        <translation>Regelwerk importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule packs (*.json)</source>
        <translation>Regelwerke (*.json)</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Validated on %1 of %n vignette(s)</source>
        <translation>
            <numerusform>Validiert an %1 von %n Testfall</numerusform>
            <numerusform>Validiert an %1 von %n Testfällen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;%1&lt;/b&gt; version &lt;b&gt;%2&lt;/b&gt; · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; Version &lt;b&gt;%2&lt;/b&gt; · %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>built into the application</source>
        <translation>in die Anwendung eingebaut</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>The site pack is active although it is not signed by a trusted key (%1). All %2 vignettes passed; %3 The override and your reason were recorded in the audit log.</source>
        <translation>Das Regelwerk des Standorts ist aktiv, obwohl es nicht mit einem vertrauenswürdigen Schlüssel signiert ist (%1). Alle %2 Testfälle bestanden; %3 Die Übersteuerung und Ihre Begründung wurden im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The site pack is active: signed by the trusted key %1…; all %2 vignettes passed; %3</source>
        <translation>Das Regelwerk des Standorts ist aktiv: signiert mit dem vertrauenswürdigen Schlüssel %1…; alle %2 Testfälle bestanden; %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The built-in pack is active; %1</source>
        <translation>Das eingebaute Regelwerk ist aktiv; %1</translation>
    </message>
    <message>
        <source>site pack</source>
        <translation type="vanished">Regelwerk des Standorts</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>site pack, %1</source>
        <translation>Regelwerk des Standorts, %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Effective from %1 to %2</source>
        <translation>Gültig von %1 bis %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open end</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clinical sign-off:</source>
        <translation>Klinische Freigabe:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authors:</source>
        <translation>Autoren:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 variables · %2 criteria · %3 derived values · %4 vignettes</source>
        <translation>%1 Variablen · %2 Kriterien · %3 abgeleitete Werte · %4 Testfälle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sources cited by the criteria</source>
        <translation>Von den Kriterien zitierte Quellen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loaded without a trusted signature: %1</source>
        <translation>Ohne vertrauenswürdige Signatur geladen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>The pack was refused (%n problem(s)); the active pack is unchanged:</source>
        <translation>
            <numerusform>Das Regelwerk wurde abgelehnt (%n Problem); das aktive Regelwerk bleibt unverändert:</numerusform>
            <numerusform>Das Regelwerk wurde abgelehnt (%n Probleme); das aktive Regelwerk bleibt unverändert:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rule pack refused</source>
        <translation>Regelwerk abgelehnt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The pack was refused; the active pack is unchanged.</source>
        <translation>Das Regelwerk wurde abgelehnt; das aktive Regelwerk bleibt unverändert.</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+184"/>
        <location line="+14"/>
        <location line="+13"/>
        <location line="+5"/>
        <source>Rule pack</source>
        <translation>Regelwerk</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Re-evaluating the stored cases under the new rule pack…</source>
        <translation>Die gespeicherten Fälle werden unter dem neuen Regelwerk neu ausgewertet …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the cases were re-evaluated.</source>
        <translation>die Fälle wurden neu ausgewertet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the re-evaluation was cancelled after %1 of %2 cases; the others show as not evaluated under this pack until it is activated again.</source>
        <translation>die Neuauswertung wurde nach %1 von %2 Fällen abgebrochen; die übrigen Fälle gelten unter diesem Regelwerk als nicht ausgewertet, bis es erneut aktiviert wird.</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>Rule pack loaded without a trusted signature</source>
        <translation>Regelwerk ohne vertrauenswürdige Signatur geladen</translation>
    </message>
    <message>
        <source>The site pack is active although it is not signed by a trusted key (%1). All %2 vignettes passed; the cases were re-evaluated. The override and your reason were recorded in the audit log.</source>
        <translation type="vanished">Das Regelwerk des Standorts ist aktiv, obwohl es nicht mit einem vertrauenswürdigen Schlüssel signiert ist (%1). Alle %2 Testfälle bestanden; die Fälle wurden neu ausgewertet. Die Übersteuerung und Ihre Begründung wurden im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>The site pack is active: signed by the trusted key %1…; all %2 vignettes passed; the cases were re-evaluated.</source>
        <translation type="vanished">Das Regelwerk des Standorts ist aktiv: signiert mit dem vertrauenswürdigen Schlüssel %1…; alle %2 Testfälle bestanden; die Fälle wurden neu ausgewertet.</translation>
    </message>
</context>
<context>
    <name>consilium::PackImporter</name>
    <message>
        <location filename="../packs/PackImporter.cpp" line="+21"/>
        <source>there is no signature file %1</source>
        <translation>es gibt keine Signaturdatei %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the signature is not valid</source>
        <translation>die Signatur ist ungültig</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>the file is not a valid rule pack</source>
        <translation>die Datei ist kein gültiges Regelwerk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the pack is not signed by a trusted key: %1</source>
        <translation>das Regelwerk ist nicht mit einem vertrauenswürdigen Schlüssel signiert: %1</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>the pack has no vignettes: it cannot be validated</source>
        <translation>das Regelwerk enthält keine Testfälle: Es kann nicht validiert werden</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>consilium::PackStatus</name>
    <message>
        <location filename="../common/PackProvenance.cpp" line="+64"/>
        <source>%1 %2 · sha256 %3</source>
        <translation>%1 %2 · sha256 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>built-in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signed by %1…</source>
        <translation>signiert von %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UNSIGNED — loaded by override: %1</source>
        <translation>NICHT SIGNIERT — trotz fehlender Signatur geladen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>site pack; how it was loaded was not recorded</source>
        <translation>Regelwerk des Standorts; wie es geladen wurde, ist nicht festgehalten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rule pack %1 · %2</source>
        <translation>Regelwerk %1 · %2</translation>
    </message>
</context>
<context>
    <name>consilium::PagedPrinter</name>
    <message>
        <location filename="../reports/PagedPrinter.cpp" line="+74"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
</context>
<context>
    <name>consilium::PatientHandout</name>
    <message>
        <location filename="../reports/PatientHandout.cpp" line="+49"/>
        <source>Possible</source>
        <translation>Möglich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Possible, with points to check</source>
        <translation>Möglich, mit Punkten, die noch geprüft werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet known: some tests are still missing</source>
        <translation>Noch nicht bekannt: Einige Untersuchungen fehlen noch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not possible for you at the moment</source>
        <translation>Für Sie zurzeit nicht möglich</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Does not apply</source>
        <translation>Trifft nicht zu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your own immune cells are collected through a machine (a few hours), changed in a lab to remove the cells that cause the disease, and given back by drip after a short chemotherapy.</source>
        <translation>Ihre eigenen Immunzellen werden mit einem Gerät gesammelt (einige Stunden), im Labor so verändert, dass sie die krankmachenden Zellen entfernen, und nach einer kurzen Chemotherapie als Infusion zurückgegeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ready-made immune cells from a donor are given by drip after a short chemotherapy. No collection of your own cells is needed.</source>
        <translation>Fertige Immunzellen von einem Spender werden nach einer kurzen Chemotherapie als Infusion gegeben. Ihre eigenen Zellen müssen nicht gesammelt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A medicine that brings your immune cells and the disease cells together. The dose is raised in small steps in hospital.</source>
        <translation>Ein Medikament, das Ihre Immunzellen und die krankmachenden Zellen zusammenbringt. Die Dosis wird im Krankenhaus in kleinen Schritten gesteigert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The usual treatment: medicines such as steroids and drugs that calm the immune system.</source>
        <translation>Die übliche Behandlung: Medikamente wie Kortison und Mittel, die das Immunsystem dämpfen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>fever and feeling unwell as the immune cells become active</source>
        <translation>Fieber und Unwohlsein, wenn die Immunzellen aktiv werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>confusion or trouble speaking, usually temporary</source>
        <translation>Verwirrtheit oder Sprachstörungen, meist vorübergehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low blood counts for a while</source>
        <translation>für eine Zeit niedrige Blutwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>infections</source>
        <translation>Infektionen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a short flare in an organ that was affected before</source>
        <translation>ein kurzes Aufflammen in einem früher betroffenen Organ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>low antibody levels; infections are more likely</source>
        <translation>wenig Antikörper; Infektionen sind wahrscheinlicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a rare new blood cancer; you will be checked for it</source>
        <translation>ein seltener neuer Blutkrebs; Sie werden darauf untersucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>donor cells attacking the body</source>
        <translation>Spenderzellen greifen den Körper an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>your body removing the donor cells early</source>
        <translation>Ihr Körper baut die Spenderzellen früh ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>risk of dying from the treatment</source>
        <translation>Risiko, an der Behandlung zu sterben</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 of %2 people in studies had a severe form</source>
        <translation>in schwerer Form bei %1 von %2 Personen in Studien</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 people in studies</source>
        <translation>%1 von %2 Personen in Studien</translation>
    </message>
    <message>
        <source>studied in %n people</source>
        <translation type="vanished">an %n Personen untersucht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about %1 in 100 of %2 people in studies</source>
        <translation>etwa %1 von 100 Personen in Studien (insgesamt %2 Personen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about %1 in 100 people in studies</source>
        <translation>etwa %1 von 100 Personen in Studien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>how often is not known yet</source>
        <translation>wie häufig, ist noch nicht bekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>could be %1 to %2 in 100</source>
        <translation>es könnten %1 bis %2 von 100 sein</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not known from studies in people with your disease.</source>
        <translation>Aus Studien bei Menschen mit Ihrer Erkrankung nicht bekannt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Used for many years; well known.</source>
        <translation>Seit vielen Jahren im Einsatz; gut bekannt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Very few people with your disease have had this treatment; the numbers are not known.</source>
        <translation>Sehr wenige Menschen mit Ihrer Erkrankung haben diese Behandlung erhalten; die Zahlen sind nicht bekannt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a few people with diseases like yours have had this (at most %n in one study). We know little about the long term.</source>
        <translation>Erst wenige Menschen mit ähnlichen Erkrankungen haben dies erhalten (höchstens %n in einer Studie). Über die Langzeitfolgen wissen wir wenig.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not possible by the general rules for this treatment, but a product or study below has its own conditions</source>
        <translation>Nach den allgemeinen Regeln für diese Behandlung nicht möglich, aber ein Produkt oder eine Studie unten hat eigene Bedingungen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not known yet: it depends on the product or study.</source>
        <translation>Noch nicht bekannt: Es hängt vom Produkt oder von der Studie ab.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Does not apply: not possible for you at the moment.</source>
        <translation>Trifft nicht zu: Für Sie ist das zurzeit nicht möglich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can continue or change now.</source>
        <translation>Kann sofort fortgesetzt oder angepasst werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Not known yet.</source>
        <translation>Noch nicht bekannt.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>About %n days until treatment.</source>
        <translation>Etwa %n Tage bis zur Behandlung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some medicines must be stopped first.</source>
        <translation>Einige Medikamente müssen vorher abgesetzt werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usually not needed.</source>
        <translation>Meist nicht nötig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About %n days in hospital.</source>
        <translation>Etwa %n Tage im Krankenhaus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your own changed immune cells (autologous CAR T)</source>
        <translation>Ihre eigenen, veränderten Immunzellen (autologe CAR-T-Zelltherapie)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Donor immune cells (allogeneic CAR T)</source>
        <translation>Immunzellen von einem Spender (allogene CAR-T-Zellen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bispecific antibody (T-cell engager)</source>
        <translation>Bispezifischer Antikörper (T-Zell-Engager)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The usual treatment</source>
        <translation>Die übliche Behandlung</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>possible so far</source>
        <translation>nach bisheriger Prüfung möglich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>possible so far, with points to check</source>
        <translation>nach bisheriger Prüfung möglich, mit Punkten, die noch geprüft werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not yet known: some tests are missing</source>
        <translation>noch nicht bekannt: einige Untersuchungen fehlen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not possible at the moment</source>
        <translation>zurzeit nicht möglich</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>treatment plan</source>
        <translation>Behandlungsplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The study team checks further conditions before you can take part: a place is not promised.</source>
        <translation>Das Studienteam prüft weitere Bedingungen, bevor Sie teilnehmen können: Ein Platz ist nicht zugesagt.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Which products or studies did the team look at?</source>
        <translation>Welche Produkte oder Studien hat das Team geprüft?</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Your treatment options</source>
        <translation>Ihre Behandlungsmöglichkeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your care team met to talk about the treatments that could help you. This page compares them. It does not choose for you: you decide together with your team.</source>
        <translation>Ihr Behandlungsteam hat besprochen, welche Behandlungen Ihnen helfen könnten. Diese Seite vergleicht sie. Sie trifft keine Wahl für Sie: Sie entscheiden gemeinsam mit Ihrem Team.</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Is this possible for me?</source>
        <translation>Ist das für mich möglich?</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Your care team checks further conditions first: nothing here is promised.</source>
        <translation>Ihr Behandlungsteam prüft zuerst weitere Bedingungen: Nichts hier ist zugesagt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a study the study team, otherwise your care team, checks further conditions first: a place is not promised.</source>
        <translation>Bei einer Studie prüft das Studienteam, sonst Ihr Behandlungsteam, zuerst weitere Bedingungen: Ein Platz ist nicht zugesagt.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>What is involved?</source>
        <translation>Was gehört dazu?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How soon could it start?</source>
        <translation>Wann könnte es losgehen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long in hospital?</source>
        <translation>Wie lange im Krankenhaus?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Side effects of the usual medicines, such as infections.</source>
        <translation>Nebenwirkungen der üblichen Medikamente, zum Beispiel Infektionen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What are the main risks?</source>
        <translation>Was sind die wichtigsten Risiken?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How sure are we?</source>
        <translation>Wie sicher sind wir?</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Words: &quot;CAR T&quot; means immune cells changed in a lab. &quot;Chemotherapy&quot; here is a short, low-dose treatment that makes room for the new cells. Numbers such as &quot;11 of 15 people&quot; come from small studies and may change.</source>
        <translation>Begriffe: „CAR-T“ bedeutet im Labor veränderte Immunzellen. „Chemotherapie“ ist hier eine kurze, niedrig dosierte Behandlung, die Platz für die neuen Zellen schafft. Zahlen wie „11 von 15 Personen“ stammen aus kleinen Studien und können sich ändern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Questions to ask your team: What happens if I wait? What would I need to stop? Who can stay with me after the treatment?</source>
        <translation>Fragen an Ihr Team: Was passiert, wenn ich abwarte? Was müsste ich absetzen? Wer kann nach der Behandlung bei mir bleiben?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Prepared on %1 for your conversation with your care team.</source>
        <translation>Erstellt am %1 für Ihr Gespräch mit Ihrem Behandlungsteam.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Rule pack %1, built into the program.</source>
        <translation>Regelwerk %1, in das Programm eingebaut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule pack %1, signed by %2….</source>
        <translation>Regelwerk %1, signiert von %2….</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rule pack %1, UNSIGNED — loaded by override: %2</source>
        <translation>Regelwerk %1, NICHT SIGNIERT — trotz fehlender Signatur geladen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rule pack %1; how it was loaded was not recorded.</source>
        <translation>Regelwerk %1; wie es geladen wurde, ist nicht festgehalten.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>This page supports a conversation. Your care team is responsible for the decision.</source>
        <translation>Diese Seite unterstützt ein Gespräch. Die Verantwortung für die Entscheidung trägt Ihr Behandlungsteam.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
</context>
<context>
    <name>consilium::ReportOptions</name>
    <message>
        <location filename="../reports/ReportOptions.cpp" line="+26"/>
        <source>— (ineligible)</source>
        <translation>— (nicht geeignet)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown (a last dose is missing)</source>
        <translation>unbekannt (eine letzte Dosis fehlt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now</source>
        <translation>sofort</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Missing: %1</source>
        <translation>Fehlt: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>arm (generic): %1</source>
        <translation>Option (allgemein): %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product or trial</source>
        <translation>Produkt/Studie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict and screening</source>
        <translation>Ergebnis und Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deciding criteria</source>
        <translation>Entscheidende Kriterien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earliest start</source>
        <translation>Frühester Start</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Products and trials (options)</source>
        <translation>Produkte und Studien</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each option is evaluated on the arm&apos;s criteria less those it replaces, plus its own; the arm&apos;s verdict stays the generic summary. &quot;Eligible&quot; means only that the encoded criteria are met, not that the patient can be enrolled: the screening note says what the pack does not check. The site&apos;s availability never changes a verdict.</source>
        <translation>Jedes Produkt bzw. jede Studie wird nach den Kriterien der Option ohne die ersetzten und mit den eigenen bewertet; das Ergebnis der Option bleibt die allgemeine Zusammenfassung. „Geeignet“ heißt nur, dass die kodierten Kriterien erfüllt sind, nicht dass der Patient oder die Patientin aufgenommen werden kann: Der Screening-Hinweis nennt, was das Regelwerk nicht prüft. Die Verfügbarkeit am Zentrum ändert kein Ergebnis.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1, rows of its options (not in the chart):</source>
        <translation>%1, Angaben ihrer Produkte und Studien (nicht im Diagramm):</translation>
    </message>
</context>
<context>
    <name>consilium::ResultText</name>
    <message numerus="yes">
        <location filename="../compare/ResultText.cpp" line="+30"/>
        <source>Eligible · %n caution(s) not yet checked</source>
        <translation>
            <numerusform>Geeignet · %n Einschränkung noch nicht geprüft</numerusform>
            <numerusform>Geeignet · %n Einschränkungen noch nicht geprüft</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eligible</source>
        <translation>Geeignet</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Eligible, %n caution(s)</source>
        <translation>
            <numerusform>Geeignet, %n Einschränkung</numerusform>
            <numerusform>Geeignet, %n Einschränkungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not yet checked</source>
        <translation>
            <numerusform>%n noch nicht geprüft</numerusform>
            <numerusform>%n noch nicht geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Undetermined · %n exclusion(s) unknown</source>
        <translation>
            <numerusform>Unbestimmt · %n Ausschlusskriterium unbekannt</numerusform>
            <numerusform>Unbestimmt · %n Ausschlusskriterien unbekannt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ineligible</source>
        <translation>Nicht geeignet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not applicable</source>
        <translation>Nicht zutreffend</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 [EN]</source>
        <comment>a pack text shown in English because the pack has none in this language</comment>
        <translation>%1 [EN]</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>unknown</source>
        <comment>a value in an explanation</comment>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not evaluated</source>
        <comment>a value in an explanation</comment>
        <translation>nicht erhoben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <comment>a value in an explanation</comment>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <comment>a value in an explanation</comment>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 missing</source>
        <comment>%1: input labels, in an explanation</comment>
        <translation>fehlend: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 unknown</source>
        <comment>%1: input labels, in an explanation</comment>
        <translation>unbekannt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 not evaluated</source>
        <comment>%1: input labels, in an explanation</comment>
        <translation>nicht erhoben: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Jurisdiction</source>
        <translation>Rechtsraum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Medication list</source>
        <translation>Medikamentenliste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed therapies</source>
        <translation>Erfolglose Therapien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last dose of a medication</source>
        <translation>Letzte Dosis eines Medikaments</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n more</source>
        <translation>
            <numerusform>%n weiteres</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>for cautions: %1</source>
        <translation>für Einschränkungen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing missing</source>
        <translation>nichts fehlt</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+5"/>
        <source>— (ineligible)</source>
        <translation>— (nicht geeignet)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ineligible, so no start date is shown. By the washouts alone the earliest start would be %1; the logistics timeline takes %2.</source>
        <translation>Nicht geeignet, daher wird kein Starttermin angezeigt. Allein nach den Auswaschphasen wäre der früheste Start %1; der Zeitplan der Logistik umfasst %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earliest start: %1 · to treatment: %2</source>
        <translation>Frühester Start: %1 · bis zur Behandlung: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown (a last dose is missing)</source>
        <translation>unbekannt (eine letzte Dosis fehlt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+11"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>now</source>
        <translation>sofort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after washout / steroid taper</source>
        <translation>nach Auswaschphase / Steroidreduktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after washout</source>
        <translation>nach Auswaschphase</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>~%n day(s)</source>
        <translation>
            <numerusform>~%n Tag</numerusform>
            <numerusform>~%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown (no data)</source>
        <translation>unbekannt (keine Daten)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>caregiver needed</source>
        <translation>Begleitperson nötig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no caregiver needed</source>
        <translation>keine Begleitperson nötig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>caregiver: unknown</source>
        <translation>Begleitperson: unbekannt</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>stay near the centre %n day(s)</source>
        <translation>
            <numerusform>%n Tag in Zentrumsnähe bleiben</numerusform>
            <numerusform>%n Tage in Zentrumsnähe bleiben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stay near the centre (length unknown)</source>
        <translation>in Zentrumsnähe bleiben (Dauer unbekannt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>travel %1 min</source>
        <translation>Anfahrt %1 min</translation>
    </message>
    <message>
        <source>%1% (n not reported)</source>
        <translation type="vanished">%1 % (n nicht berichtet)</translation>
    </message>
    <message>
        <source>no data</source>
        <translation type="vanished">keine Daten</translation>
    </message>
    <message>
        <source>n=%1</source>
        <translation type="vanished">n=%1</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>rate not reported</source>
        <translation>Rate nicht berichtet</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+26"/>
        <source>(oncology reference %1)</source>
        <translation>(onkologische Referenz %1)</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (n not reported)</source>
        <translation>%1 (n nicht berichtet)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>95% CI %1–%2</source>
        <translation>95%-KI %1–%2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>(label warning; rate not found)</source>
        <translation>(Warnhinweis der Fachinformation; keine Rate gefunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rate not found (NF)</source>
        <translation>keine Rate gefunden (NF)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>rate not reported (n=%1)</source>
        <translation>Rate nicht berichtet (n=%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no AID data (NF)</source>
        <translation>keine Daten bei Autoimmunerkrankungen (NF)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not applicable</source>
        <translation>nicht zutreffend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(label warning)</source>
        <translation>(Warnhinweis der Fachinformation)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Studied in: %1</source>
        <translation>Untersucht bei: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Population: %1</source>
        <translation>Population: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up: %1</source>
        <translation>Nachbeobachtung: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>… %n more</source>
        <translation>
            <numerusform>… %n weiteres</numerusform>
            <numerusform>… %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>⚠ %n patient-specific modifier(s)</source>
        <translation>
            <numerusform>⚠ %n patientenspezifischer Hinweis</numerusform>
            <numerusform>⚠ %n patientenspezifische Hinweise</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>AID cohorts n ≤ %1</source>
        <translation>AID-Kohorten n ≤ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no AID cohort with n</source>
        <translation>keine AID-Kohorte mit n</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+20"/>
        <source>evidence %1</source>
        <translation>Evidenz %1</translation>
    </message>
    <message numerus="yes">
        <location line="-11"/>
        <source>%1 (settles %n arm(s))</source>
        <translation>
            <numerusform>%1 (klärt %n Option)</numerusform>
            <numerusform>%1 (klärt %n Optionen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
</context>
<context>
    <name>consilium::Session</name>
    <message>
        <location filename="../common/Session.cpp" line="+226"/>
        <source>A signature override needs a site pack and a reason.</source>
        <translation>Eine Übersteuerung der Signaturprüfung erfordert ein Regelwerk des Standorts und eine Begründung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is read-only: the signature override cannot be recorded in its audit log.</source>
        <translation>Die Datenbank ist schreibgeschützt: Die Übersteuerung der Signaturprüfung kann nicht in ihrem Prüfprotokoll festgehalten werden.</translation>
    </message>
</context>
<context>
    <name>consilium::SettingsDialog</name>
    <message>
        <location filename="../settings/SettingsDialog.cpp" line="-115"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>From the case&apos;s jurisdiction</source>
        <translation>Nach dem Rechtsraum des Falls</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EU (SI units: µmol/L, mg/L, g/L …)</source>
        <translation>EU (SI-Einheiten: µmol/L, mg/L, g/L …)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>US (conventional units: mg/dL …)</source>
        <translation>USA (konventionelle Einheiten: mg/dL …)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Display &amp;name:</source>
        <translation>Angezeigter &amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Fachrichtung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default &amp;jurisdiction:</source>
        <translation>Standard-&amp;Rechtsraum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Units offered for new values:</source>
        <translation>Angebotene &amp;Einheiten für neue Werte:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+22"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Database location</source>
        <translation>Speicherort der Datenbank</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consilium databases (*.sqlite)</source>
        <translation>Consilium-Datenbanken (*.sqlite)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This database location cannot be used.</source>
        <translation>Dieser Speicherort der Datenbank kann nicht verwendet werden.</translation>
    </message>
</context>
<context>
    <name>consilium::SignatureOverrideDialog</name>
    <message>
        <location filename="../packs/SignatureOverrideDialog.cpp" line="+18"/>
        <source>Rule pack not signed by a trusted key</source>
        <translation>Regelwerk nicht mit einem vertrauenswürdigen Schlüssel signiert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The rule pack %1 is not signed by a trusted key.</source>
        <translation>Das Regelwerk %1 ist nicht mit einem vertrauenswürdigen Schlüssel signiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its schema is valid and all its vignettes pass, but no key your site trusts vouches for its content. Load it only if you know where it comes from and that it is meant for clinical use.</source>
        <translation>Sein Schema ist gültig und alle seine Testfälle bestehen, aber kein Schlüssel, dem Ihr Standort vertraut, bürgt für seinen Inhalt. Laden Sie es nur, wenn Sie wissen, woher es stammt und dass es für den klinischen Einsatz bestimmt ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading it anyway is recorded in the audit log of the open database together with your reason.</source>
        <translation>Wenn Sie es trotzdem laden, wird dies zusammen mit Ihrer Begründung im Prüfprotokoll der geöffneten Datenbank festgehalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason for loading it anyway (required):</source>
        <translation>&amp;Begründung für das Laden trotz fehlender Signatur (erforderlich):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for the override</source>
        <translation>Begründung der Übersteuerung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Load anyway</source>
        <translation>&amp;Trotzdem laden</translation>
    </message>
</context>
<context>
    <name>consilium::SiteAvailability</name>
    <message>
        <location filename="../compare/SiteAvailability.cpp" line="+24"/>
        <source>Offered at this centre</source>
        <translation>An diesem Zentrum angeboten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can refer to it</source>
        <translation>Überweisung möglich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not offered</source>
        <translation>Nicht angeboten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stated</source>
        <translation>Nicht angegeben</translation>
    </message>
</context>
<context>
    <name>consilium::SiteAvailabilityDialog</name>
    <message>
        <location line="+10"/>
        <location line="+60"/>
        <source>Options at this centre</source>
        <translation>Produkte und Studien an diesem Zentrum</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Kept in the database for every workstation of this centre. Offered options are listed first; options not offered are greyed but still evaluated.</source>
        <translation>In der Datenbank für alle Arbeitsplätze dieses Zentrums gespeichert. Angebotene Produkte und Studien stehen zuerst; nicht angebotene sind ausgegraut, werden aber weiter ausgewertet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored setting cannot be used (%1); saving replaces it.</source>
        <translation>Die gespeicherte Einstellung ist nicht verwendbar (%1); Speichern ersetzt sie.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The site setting was not saved: %1</source>
        <translation>Die Einstellung des Zentrums wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Offered options are listed first; options not offered are greyed but still evaluated.</source>
        <translation type="vanished">Angebotene Produkte und Studien stehen zuerst; nicht angebotene sind ausgegraut, werden aber weiterhin ausgewertet.</translation>
    </message>
</context>
<context>
    <name>consilium::Startup</name>
    <message>
        <location filename="../shell/Startup.cpp" line="+74"/>
        <source>Database in use</source>
        <translation>Datenbank in Benutzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Open it read-only?</source>
        <translation>%1

Schreibgeschützt öffnen?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Decision support for multidisciplinary case conferences on B-cell-depleting cell therapies.</source>
        <translation>Entscheidungsunterstützung für interdisziplinäre Fallkonferenzen zu B-Zell-depletierenden Zelltherapien.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the database at &lt;path&gt;.</source>
        <translation>Die Datenbank unter &lt;path&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use &lt;date&gt; (YYYY-MM-DD) as today (demonstrations).</source>
        <translation>&lt;date&gt; (JJJJ-MM-TT) als heutiges Datum verwenden (Vorführungen).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case files to import or open.</source>
        <translation>Zu importierende oder zu öffnende Falldateien.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>consilium::TimelineChart</name>
    <message>
        <location filename="../timeline/TimelineChart.cpp" line="+93"/>
        <source>%1 to %2 (day %3 to %4)</source>
        <translation>%1 bis %2 (Tag %3 bis %4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>from %1 (day %2); end not given by the evidence (NF)</source>
        <translation>ab %1 (Tag %2); Ende in der Evidenz nicht angegeben (NF)</translation>
    </message>
    <message>
        <location line="+255"/>
        <source>Logistics timeline</source>
        <translation>Zeitplan der Logistik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline shown</source>
        <translation>Angezeigter Zeitplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Each arm&apos;s default timeline</source>
        <translation>Standard-Zeitplan jeder Option</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>No result: the case has errors that prevent evaluation.</source>
        <translation>Kein Ergebnis: Der Fall enthält Fehler, die eine Auswertung verhindern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logistics from the as-of date (%1)</source>
        <translation>Logistik ab dem Stichtag (%1)</translation>
    </message>
    <message>
        <location line="-331"/>
        <source>ineligible</source>
        <translation>nicht geeignet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>timeline unknown</source>
        <translation>Zeitplan unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no fixed timeline</source>
        <translation>kein fester Zeitplan</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 (end not known)</source>
        <translation>%1 (Ende unbekannt)</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>(end not known)</source>
        <translation>(Ende unbekannt)</translation>
    </message>
    <message>
        <source>day %1 to %2</source>
        <translation type="vanished">Tag %1 bis %2</translation>
    </message>
    <message>
        <source>from day %1; end not given by the evidence (NF)</source>
        <translation type="vanished">ab Tag %1; Ende in der Evidenz nicht angegeben (NF)</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>Evidence: %1</source>
        <translation>Evidenz: %1</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Days from the as-of date</source>
        <translation>Tage ab dem Stichtag</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Earliest start</source>
        <translation>Frühester Start</translation>
    </message>
    <message>
        <location line="+218"/>
        <source>Earliest start: %1</source>
        <translation>Frühester Start: %1</translation>
    </message>
</context>
<context>
    <name>consilium::ToxicityChart</name>
    <message>
        <location filename="../toxicity/ToxicityChart.cpp" line="+47"/>
        <source>Any grade</source>
        <translation>Alle Grade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade ≥ 3</source>
        <translation>Grad ≥ 3</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation type="vanished">Option</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arm or option</source>
        <translation>Option oder Produkt/Studie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity shown</source>
        <translation>Angezeigter Schweregrad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toxicity chart</source>
        <translation>Toxizitätsdiagramm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Arm:</source>
        <translation>&amp;Option:</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>No result: the case has errors that prevent evaluation.</source>
        <translation>Kein Ergebnis: Der Fall enthält Fehler, die eine Auswertung verhindern.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>n unknown</source>
        <translation>n unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>oncology reference</source>
        <translation>onkologische Referenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>autoimmune cohort</source>
        <translation>Autoimmun-Kohorte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grade ≥ 3</source>
        <translation>Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any grade</source>
        <translation>alle Grade</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 events worked out from the reported %2</source>
        <translation>%1 Ereignisse, errechnet aus den berichteten %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not found: no rate for this measure (NF). Not zero.</source>
        <translation>nicht gefunden: keine Rate für dieses Maß (NF). Nicht null.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>95% confidence interval (Wilson)</source>
        <translation>95%-Konfidenzintervall (Wilson)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="vanished">%1: %2</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>grade ≥ 3 rates</source>
        <translation>Raten Grad ≥ 3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any-grade rates</source>
        <translation>Raten aller Grade</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2, k/n</source>
        <translation>%1: %2, k/n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Autoimmune cohort</source>
        <translation>Autoimmun-Kohorte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Oncology reference</source>
        <translation>Onkologische Referenz</translation>
    </message>
    <message>
        <source>n not reported</source>
        <translation type="vanished">n nicht berichtet</translation>
    </message>
    <message>
        <source>no data</source>
        <translation type="vanished">keine Daten</translation>
    </message>
    <message>
        <source>Oncology reference: no figure for this measure.</source>
        <translation type="vanished">Onkologische Referenz: keine Zahl für dieses Maß.</translation>
    </message>
    <message>
        <source>Autoimmune cohorts: no figure for this measure (NF).</source>
        <translation type="vanished">Autoimmun-Kohorten: keine Zahl für dieses Maß (NF).</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Patients affected (%)</source>
        <translation>Betroffene Patienten (%)</translation>
    </message>
    <message>
        <source>NF</source>
        <translation type="vanished">NF</translation>
    </message>
</context>
</TS>
