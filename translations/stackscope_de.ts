<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Stackscope monitoring cockpit</source>
        <translation>Stackscope – Überwachungszentrale</translation>
    </message>
    <message>
        <source>Open the workspace in &lt;dir&gt;.</source>
        <translation>Den Arbeitsbereich in &lt;verzeichnis&gt; öffnen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <source>Read the database key from &lt;file&gt; (mode 0600) instead of the system keychain. Also taken from STACKSCOPE_KEY_FILE.</source>
        <translation>Den Datenbankschlüssel aus &lt;datei&gt; (Modus 0600) statt aus dem Schlüsselbund des Systems lesen. Wird auch aus STACKSCOPE_KEY_FILE übernommen.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>Open the demo workspace with simulated data (created on first use).</source>
        <translation>Den Demo-Arbeitsbereich mit simulierten Daten öffnen (wird beim ersten Mal angelegt).</translation>
    </message>
</context>
<context>
    <name>stackscope::app::DemoSeeder</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The demo data could not be stored.</source>
        <translation>Die Demodaten konnten nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>stackscope::app::MainWindow</name>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>The key does not fit this workspace. Check the key file or the keychain entry. The workspace was not changed.</source>
        <translation>Der Schlüssel passt nicht zu diesem Arbeitsbereich. Prüfen Sie die Schlüsseldatei oder den Eintrag im Schlüsselbund. Der Arbeitsbereich wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Restore the database from a backup. Stackscope did not modify or replace it.</source>
        <translation>Stellen Sie die Datenbank aus einer Sicherung wieder her. Stackscope hat sie weder verändert noch ersetzt.</translation>
    </message>
    <message>
        <source>The system keychain is not available. Make sure a Secret Service (such as GNOME Keyring or KWallet) is running and unlocked, or start Stackscope with --key-file.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar. Stellen Sie sicher, dass ein Secret Service (etwa GNOME Keyring oder KWallet) läuft und entsperrt ist, oder starten Sie Stackscope mit --key-file.</translation>
    </message>
    <message>
        <source>No database key was found for this workspace. Start Stackscope with --key-file, or set STACKSCOPE_KEY_FILE.</source>
        <translation>Für diesen Arbeitsbereich wurde kein Datenbankschlüssel gefunden. Starten Sie Stackscope mit --key-file oder setzen Sie STACKSCOPE_KEY_FILE.</translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation>Der Schlüsselbund des Systems hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>Stackscope</source>
        <translation>Stackscope</translation>
    </message>
    <message>
        <source>Opening workspace…</source>
        <translation>Arbeitsbereich wird geöffnet …</translation>
    </message>
    <message>
        <source>Storage tier of the chart</source>
        <translation>Speicherstufe des Diagramms</translation>
    </message>
    <message>
        <source>Points in the chart</source>
        <translation>Punkte im Diagramm</translation>
    </message>
    <message>
        <source>Demo data generation progress</source>
        <translation>Fortschritt beim Erzeugen der Demodaten</translation>
    </message>
    <message>
        <source>Generating demo data… %p%</source>
        <translation>Demodaten werden erzeugt … %p %</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Retry opening the workspace</source>
        <translation>Arbeitsbereich erneut öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>&amp;Demo-Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Open the demo workspace with simulated data</source>
        <translation>Den Demo-Arbeitsbereich mit simulierten Daten öffnen</translation>
    </message>
    <message>
        <source>DEMO WORKSPACE — simulated data</source>
        <translation>DEMO-ARBEITSBEREICH — simulierte Daten</translation>
    </message>
    <message>
        <source>Demo workspace notice</source>
        <translation>Hinweis auf den Demo-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Everything in this workspace is generated. It never mixes with your real data.</source>
        <translation>Alles in diesem Arbeitsbereich ist erzeugt. Es vermischt sich nie mit Ihren echten Daten.</translation>
    </message>
    <message>
        <source>Search series (Ctrl+F)</source>
        <translation>Zeitreihen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search series</source>
        <translation>Zeitreihen suchen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Zeitreihen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the chart</source>
        <translation>Diagramm aktualisieren</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Aktualisieren (F5)</translation>
    </message>
    <message>
        <source>Chart of the selected series</source>
        <translation>Diagramm der ausgewählten Zeitreihe</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Find Series…</source>
        <translation>Zeitreihe &amp;suchen …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Stackscope</source>
        <translation>&amp;Über Stackscope</translation>
    </message>
    <message>
        <source>About Stackscope</source>
        <translation>Über Stackscope</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stackscope %1&lt;/b&gt;&lt;p&gt;A monitoring cockpit for solo developers and small teams: the metrics of every service your product runs on, in one encrypted local store.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Stackscope %1&lt;/b&gt;&lt;p&gt;Eine Überwachungszentrale für Einzelentwickler und kleine Teams: die Metriken aller Dienste, auf denen Ihr Produkt läuft, in einem verschlüsselten lokalen Speicher.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Opening the demo workspace…</source>
        <translation>Demo-Arbeitsbereich wird geöffnet …</translation>
    </message>
    <message>
        <source>The workspace could not be opened</source>
        <translation>Der Arbeitsbereich konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Welcome to Stackscope</source>
        <translation>Willkommen bei Stackscope</translation>
    </message>
    <message>
        <source>There is no workspace in %1 yet.

Explore the demo workspace to see Stackscope at work with simulated services, or create a workspace with “stackscoped init” and open it with --workspace.</source>
        <translation>In %1 gibt es noch keinen Arbeitsbereich.

Erkunden Sie den Demo-Arbeitsbereich, um Stackscope mit simulierten Diensten in Aktion zu sehen, oder legen Sie mit „stackscoped init“ einen Arbeitsbereich an und öffnen Sie ihn mit --workspace.</translation>
    </message>
    <message>
        <source>Loading series…</source>
        <translation>Zeitreihen werden geladen …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>The demo workspace is ready.</source>
        <translation>Der Demo-Arbeitsbereich ist bereit.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>The demo data could not be generated completely.</source>
        <translation>Die Demodaten konnten nicht vollständig erzeugt werden.</translation>
    </message>
    <message>
        <source>The series could not be listed: %1</source>
        <translation>Die Zeitreihen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Generating demo data…</source>
        <translation>Demodaten werden erzeugt …</translation>
    </message>
    <message>
        <source>No series yet</source>
        <translation>Noch keine Zeitreihen</translation>
    </message>
    <message>
        <source>The first series appear in a moment.</source>
        <translation>Die ersten Zeitreihen erscheinen gleich.</translation>
    </message>
    <message>
        <source>Series appear here once a connector has stored data.</source>
        <translation>Zeitreihen erscheinen hier, sobald ein Connector Daten gespeichert hat.</translation>
    </message>
    <message>
        <source>This workspace holds no data yet.</source>
        <translation>Dieser Arbeitsbereich enthält noch keine Daten.</translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation>Die Daten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Tier: %1</source>
        <translation>Stufe: %1</translation>
    </message>
    <message>
        <source>Step %1, query took %2 ms</source>
        <translation>Schrittweite %1, Abfrage dauerte %2 ms</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>Series: %1</source>
        <translation>Zeitreihen: %1</translation>
    </message>
    <message>
        <source>Series: %1 of %2</source>
        <translation>Zeitreihen: %1 von %2</translation>
    </message>
    <message>
        <source>Points: %1</source>
        <translation>Punkte: %1</translation>
    </message>
</context>
<context>
    <name>stackscope::app::RangeSelector</name>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>1h</source>
        <translation>1 Std</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24 Std</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>7d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>30d</source>
        <translation>30 T</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>90d</source>
        <translation>90 T</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>1y</source>
        <translation>1 J</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
</context>
<context>
    <name>stackscope::app::SeriesListModel</name>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>%1, project %2</source>
        <translation>%1, Projekt %2</translation>
    </message>
</context>
<context>
    <name>stackscope::app::WorkspaceOpener</name>
    <message>
        <source>%1 holds a workspace that is not a demo workspace. Stackscope will not put simulated data into it.</source>
        <translation>%1 enthält einen Arbeitsbereich, der kein Demo-Arbeitsbereich ist. Stackscope legt dort keine simulierten Daten ab.</translation>
    </message>
    <message>
        <source>%1 contains a database but no workspace.json. It was left untouched; move it away to start a fresh demo workspace.</source>
        <translation>%1 enthält eine Datenbank, aber keine workspace.json. Sie wurde nicht verändert; verschieben Sie sie, um einen neuen Demo-Arbeitsbereich zu beginnen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The system keychain has no database key for this workspace.</source>
        <translation>Der Schlüsselbund des Systems enthält keinen Datenbankschlüssel für diesen Arbeitsbereich.</translation>
    </message>
</context>
<context>
    <name>stackscope::charts::TimeSeriesChartView</name>
    <message>
        <source>No data in this range</source>
        <translation>Keine Daten in diesem Zeitraum</translation>
    </message>
</context>
</TS>
