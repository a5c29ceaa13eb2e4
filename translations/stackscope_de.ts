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
    <name>stackscope::app::ConnectionTester</name>
    <message>
        <source>No answer within %1 s. Check the base URL and the network connection, then try again.</source>
        <translation>Keine Antwort innerhalb von %1 s. Prüfen Sie die Basis-URL und die Netzwerkverbindung und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Stackscope does not know the service type &quot;%1&quot;.</source>
        <translation>Stackscope kennt den Diensttyp „%1“ nicht.</translation>
    </message>
    <message>
        <source>Connection OK: %1 accepted the credentials.</source>
        <translation>Verbindung in Ordnung: %1 hat die Zugangsdaten angenommen.</translation>
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
    <message>
        <source>&amp;Services…</source>
        <translation>Di&amp;enste …</translation>
    </message>
    <message>
        <source>Add, edit, test and remove the services this workspace polls</source>
        <translation>Die Dienste, die dieser Arbeitsbereich abfragt, hinzufügen, bearbeiten, testen und entfernen</translation>
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
    <name>stackscope::app::ServiceEditDialog</name>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
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
        <source>The system keychain is not available (%1). Make sure a Secret Service such as GNOME Keyring or KWallet is running and unlocked, then save again.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1). Stellen Sie sicher, dass ein Secret Service (etwa GNOME Keyring oder KWallet) läuft und entsperrt ist, und speichern Sie dann erneut.</translation>
    </message>
    <message>
        <source>The system keychain could not store the credentials: %1</source>
        <translation>Der Schlüsselbund des Systems konnte die Zugangsdaten nicht speichern: %1</translation>
    </message>
    <message>
        <source>Edit Service</source>
        <translation>Dienst bearbeiten</translation>
    </message>
    <message>
        <source>Add Service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>Diensttyp</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>The product or team it belongs to, e.g. “Shop”</source>
        <translation>Das Produkt oder Team, zu dem er gehört, z. B. „Shop“</translation>
    </message>
    <message>
        <source>Choose a project or type a new one. Every sample of the service is labelled with it.</source>
        <translation>Wählen Sie ein Projekt oder geben Sie ein neues ein. Jeder Messwert des Dienstes wird damit gekennzeichnet.</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projekt:</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Name des Dienstes</translation>
    </message>
    <message>
        <source>Unique within the project, e.g. “Transactional mail”</source>
        <translation>Eindeutig im Projekt, z. B. „Transaktions-E-Mails“</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>Polling interval</source>
        <translation>Abfrageintervall</translation>
    </message>
    <message>
        <source>Polling interval unit</source>
        <translation>Einheit des Abfrageintervalls</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>Poll &amp;every:</source>
        <translation>Abfrage &amp;alle:</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Erweiterte Einstellungen anzeigen</translation>
    </message>
    <message>
        <source>Base URL override</source>
        <translation>Abweichende Basis-URL</translation>
    </message>
    <message>
        <source>Only for a proxy, a regional endpoint or a test server. HTTPS is required (plain HTTP only to this computer).</source>
        <translation>Nur für einen Proxy, einen regionalen Endpunkt oder einen Testserver. HTTPS ist Pflicht (unverschlüsseltes HTTP nur zu diesem Computer).</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Leave empty to use the vendor&apos;s own address.</source>
        <translation>Leer lassen, um die Adresse des Anbieters zu verwenden.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Test the connection with the values entered</source>
        <translation>Die Verbindung mit den eingegebenen Werten testen</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Save the service</source>
        <translation>Den Dienst speichern</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Ohne Speichern schließen</translation>
    </message>
    <message>
        <source>%1 settings</source>
        <translation>Einstellungen für %1</translation>
    </message>
    <message>
        <source>stored — leave empty to keep</source>
        <translation>gespeichert — leer lassen, um sie zu behalten</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>This service type has no settings.</source>
        <translation>Dieser Diensttyp hat keine Einstellungen.</translation>
    </message>
    <message>
        <source>Credentials (none needed)</source>
        <translation>Zugangsdaten (keine nötig)</translation>
    </message>
    <message>
        <source>Credentials — kept in the system keychain</source>
        <translation>Zugangsdaten — im Schlüsselbund des Systems aufbewahrt</translation>
    </message>
    <message>
        <source>the vendor&apos;s address for the region</source>
        <translation>die Adresse des Anbieters für die Region</translation>
    </message>
    <message>
        <source>The type and project of a service cannot be changed. Add a new service instead.</source>
        <translation>Typ und Projekt eines Dienstes lassen sich nicht ändern. Fügen Sie stattdessen einen neuen Dienst hinzu.</translation>
    </message>
    <message>
        <source>This build of Stackscope does not know the service type &quot;%1&quot;.</source>
        <translation>Diese Version von Stackscope kennt den Diensttyp „%1“ nicht.</translation>
    </message>
    <message>
        <source>The stored credentials could not be looked up: %1</source>
        <translation>Die gespeicherten Zugangsdaten konnten nicht nachgeschlagen werden: %1</translation>
    </message>
    <message>
        <source>not stored — required</source>
        <translation>nicht gespeichert — erforderlich</translation>
    </message>
    <message>
        <source>not stored — optional</source>
        <translation>nicht gespeichert — optional</translation>
    </message>
    <message>
        <source>Between %1 and 1 day; %2 suggests %3.</source>
        <translation>Zwischen %1 und 1 Tag; %2 empfiehlt %3.</translation>
    </message>
    <message>
        <source>Hide advanced settings</source>
        <translation>Erweiterte Einstellungen ausblenden</translation>
    </message>
    <message>
        <source>Choose the type of the service.</source>
        <translation>Wählen Sie den Typ des Dienstes.</translation>
    </message>
    <message>
        <source>Enter a project: the product or team this service belongs to.</source>
        <translation>Geben Sie ein Projekt ein: das Produkt oder Team, zu dem dieser Dienst gehört.</translation>
    </message>
    <message>
        <source>Enter a name for the service.</source>
        <translation>Geben Sie einen Namen für den Dienst ein.</translation>
    </message>
    <message>
        <source>Enter the %1 (hover over the field to see where to find it).</source>
        <translation>Bitte „%1“ eingeben (der Tooltip des Feldes sagt, wo Sie den Wert finden).</translation>
    </message>
    <message>
        <source>Enter the %1 to test the connection.</source>
        <translation>Bitte „%1“ eingeben, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <source>Enter the %1.</source>
        <translation>Bitte „%1“ eingeben.</translation>
    </message>
    <message>
        <source>The base URL is not a valid address; write it in full, e.g. https://api.example.com.</source>
        <translation>Die Basis-URL ist keine gültige Adresse; schreiben Sie sie vollständig, z. B. https://api.example.com.</translation>
    </message>
    <message>
        <source>The base URL cannot be used: %1</source>
        <translation>Die Basis-URL kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Poll %1 between every %2 and once a day.</source>
        <translation>%1 kann zwischen alle %2 und einmal am Tag abgefragt werden.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Verbindung zu %1 wird getestet …</translation>
    </message>
    <message>
        <source>The stored credentials could not be read: %1</source>
        <translation>Die gespeicherten Zugangsdaten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>The service was not added.</source>
        <translation>Der Dienst wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>It could not be taken out of the list again either: %1</source>
        <translation>Er konnte auch nicht wieder aus der Liste genommen werden: %1</translation>
    </message>
    <message>
        <source>The settings were saved, but the new credentials were not.</source>
        <translation>Die Einstellungen wurden gespeichert, die neuen Zugangsdaten aber nicht.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ServiceTableModel</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>in under a minute</source>
        <translation>in weniger als einer Minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>in %1 min</source>
        <translation>in %1 min</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>in %1 h</source>
        <translation>in %1 h</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>in %1 days</source>
        <translation>in %1 Tagen</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>no error</source>
        <translation>kein Fehler</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation>nicht geplant</translation>
    </message>
    <message>
        <source>Connector type: %1 (%2)</source>
        <translation>Connector-Typ: %1 (%2)</translation>
    </message>
    <message>
        <source>Added; not polled yet.</source>
        <translation>Hinzugefügt; noch nicht abgefragt.</translation>
    </message>
    <message>
        <source>The last poll succeeded.</source>
        <translation>Die letzte Abfrage war erfolgreich.</translation>
    </message>
    <message>
        <source>The last %1 polls failed.</source>
        <translation>Die letzten %1 Abfragen sind fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The last poll failed.</source>
        <translation>Die letzte Abfrage ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Polling stopped: the service rejected the credentials. Edit the service to enter new ones.</source>
        <translation>Abfrage angehalten: Der Dienst hat die Zugangsdaten abgelehnt. Bearbeiten Sie den Dienst, um neue einzugeben.</translation>
    </message>
    <message>
        <source>Polling is switched off for this service.</source>
        <translation>Die Abfrage ist für diesen Dienst ausgeschaltet.</translation>
    </message>
    <message>
        <source>Not polled until it is enabled again.</source>
        <translation>Wird nicht abgefragt, bis er wieder aktiviert ist.</translation>
    </message>
    <message>
        <source>Polled once Stackscope&apos;s scheduler runs for this workspace.</source>
        <translation>Wird abgefragt, sobald der Zeitplaner von Stackscope für diesen Arbeitsbereich läuft.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Letzter Erfolg</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächste Abfrage</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ServicesDialog</name>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>The accounts Stackscope reads metrics from. Their credentials are kept in the system keychain, never in the workspace.</source>
        <translation>Die Konten, aus denen Stackscope Messwerte liest. Ihre Zugangsdaten liegen im Schlüsselbund des Systems, nie im Arbeitsbereich.</translation>
    </message>
    <message>
        <source>No services yet.
Add one to start collecting its metrics.</source>
        <translation>Noch keine Dienste.
Fügen Sie einen hinzu, um seine Messwerte zu sammeln.</translation>
    </message>
    <message>
        <source>Last error of the selected service</source>
        <translation>Letzter Fehler des ausgewählten Dienstes</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>Add a service</source>
        <translation>Einen Dienst hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Edit the selected service</source>
        <translation>Den ausgewählten Dienst bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Test the connection of the selected service</source>
        <translation>Die Verbindung des ausgewählten Dienstes testen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move the selected service to the trash</source>
        <translation>Den ausgewählten Dienst in den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Moves the service to the trash; it can be restored for %1 days.</source>
        <translation>Verschiebt den Dienst in den Papierkorb; er lässt sich %1 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>Close the services window</source>
        <translation>Das Fenster „Dienste“ schließen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>The services could not be listed: %1</source>
        <translation>Die Dienste konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Last error of “%1”: %2</source>
        <translation>Letzter Fehler von „%1“: %2</translation>
    </message>
    <message>
        <source>Added “%1” to %2.</source>
        <translation>„%1“ wurde zu %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ wurde gespeichert.</translation>
    </message>
    <message>
        <source>This build of Stackscope does not know the service type &quot;%1&quot;.</source>
        <translation>Diese Version von Stackscope kennt den Diensttyp „%1“ nicht.</translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation>„%1“ wird getestet …</translation>
    </message>
    <message>
        <source>The credentials of “%1” could not be read from the system keychain: %2</source>
        <translation>Die Zugangsdaten von „%1“ konnten nicht aus dem Schlüsselbund des Systems gelesen werden: %2</translation>
    </message>
    <message>
        <source>The %1 of “%2” is not in the system keychain. Edit the service to enter it.</source>
        <translation>„%1“ von „%2“ ist nicht im Schlüsselbund des Systems. Bearbeiten Sie den Dienst, um den Wert einzugeben.</translation>
    </message>
    <message>
        <source>Remove Service</source>
        <translation>Dienst entfernen</translation>
    </message>
    <message>
        <source>Move “%1” (%2) to the trash?</source>
        <translation>„%1“ (%2) in den Papierkorb verschieben?</translation>
    </message>
    <message>
        <source>It is no longer polled. Its data stays, and the service can be restored for %1 days.</source>
        <translation>Er wird nicht mehr abgefragt. Seine Daten bleiben erhalten, und der Dienst lässt sich %1 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>Removing “%1”…</source>
        <translation>„%1“ wird entfernt …</translation>
    </message>
    <message>
        <source>“%1” could not be removed: %2</source>
        <translation>„%1“ konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>“%1” was moved to the trash. It can be restored for %2 days.</source>
        <translation>„%1“ wurde in den Papierkorb verschoben. Er lässt sich %2 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Restoring “%1”…</source>
        <translation>„%1“ wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>“%1” could not be restored: %2</source>
        <translation>„%1“ konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>Restored “%1”.</source>
        <translation>„%1“ wurde wiederhergestellt.</translation>
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
