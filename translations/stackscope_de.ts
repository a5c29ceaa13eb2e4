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
    <name>stackscope::app</name>
    <message>
        <source>Time series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area chart</source>
        <translation type="unfinished">Flächendiagramm</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation type="unfinished">Balkendiagramm</translation>
    </message>
    <message>
        <source>Single stat</source>
        <translation type="unfinished">Einzelwert</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation type="unfinished">Tachometer</translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished">Tabelle</translation>
    </message>
    <message>
        <source>Top list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency percentiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status tile</source>
        <translation type="unfinished">Statuskachel</translation>
    </message>
    <message>
        <source>Lines over time, optionally against the previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled areas over time, overlapping or stacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bars per time bucket, grouped or stacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One number with its trend and the change against the previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value on a dial with threshold bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last, min, max and average of each series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest series or groups, as bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50, p95 and p99 over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK, warning or critical from thresholds, or a service&apos;s health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation type="unfinished">%1: %2h {1d?}</translation>
    </message>
    <message>
        <source>%1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation type="unfinished">%1: %2m {1h?}</translation>
    </message>
    <message>
        <source>%1m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a rule file: %1 at character %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be a list of rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>twilio.sms.delivery_rate avg 61.8% &lt; 97% over 1 d (country=DE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier outage at a German network, Twilio&apos;s status page confirms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier recovered; failed messages were re-sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aws.ec2.cpu_utilization avg 93% &gt; 85% over 10 min (name=worker-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightly export job; moving it to a bigger instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>onesignal.delivery_rate avg 71% &lt; 90% over 2 h (platform=android)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FCM server key expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New key deployed, deliveries back to normal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data from http_requests_total for 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node upgrade took the API down, rolling back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aws.lambda.errors sum 212 &gt; 20 over 15 min (function=image-resize)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sendgrid.bounces sum 4,310 &gt; 1,000 over 1 d (category=newsletter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported an old mailing list by mistake; list removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertDetailPane</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the rule of this alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished">%1, %2</translation>
    </message>
    <message>
        <source>the whole workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, resolved %1 after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, active for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stackscope</source>
        <translation type="unfinished">Stackscope</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) selected.
Acknowledge, resolve or reopen them together.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select an alert to see its details and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertFilterBar</name>
    <message>
        <source>Show %1 alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished">Projekt</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished">Dienst</translation>
    </message>
    <message>
        <source>All services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished">Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished">Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished">Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished">Benutzerdefiniert …</translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search rule, summary, labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertListPanel</name>
    <message>
        <source>&amp;Acknowledge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the selected alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the selected alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the selected alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished">Alarme</translation>
    </message>
    <message>
        <source>No alerts match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n alert(s)? You take them on; nobody is notified again until they change.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resolve %n alert(s)? They fire again as new alerts if the condition returns.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n alert(s)?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertTableModel</name>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished">%1 geöffnet</translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project · Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertsPage</name>
    <message>
        <source>Alerts</source>
        <translation type="unfinished">Alarme</translation>
    </message>
    <message>
        <source>E&amp;valuate Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every rule against the latest data now instead of at the next minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute Windows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: these alerts and rules are simulated, and no notification is ever sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alert needs attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation type="unfinished">%1 brauchen Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Delivery Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::AlertsPlaceholder</name>
    <message>
        <source>&lt;h3&gt;Alerts&lt;/h3&gt;&lt;p&gt;Alert rules and their history will appear here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Alarme&lt;/h3&gt;&lt;p&gt;Alarmregeln und ihr Verlauf erscheinen hier.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>stackscope::app::CatalogTreeModel</name>
    <message>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Metrics: %2 · series: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished">Zeitreihen</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ChannelEditDialog</name>
    <message>
        <source>Edit Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. On-call Slack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default channel: gets built-in alerts and rules that name no channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished">&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished">&amp;Name:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished">Einstellungen</translation>
    </message>
    <message>
        <source>Signing secret (shown once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure the receiver with this secret to check the webhook-signature header. It is kept in the keychain and will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo workspace sends no notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Test message sent. Check that it arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ The test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::ChannelsDialog</name>
    <message>
        <source>Notification Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where alerts are sent. Secrets (passwords, webhook URLs) are kept in the system keychain, never in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">Typ</translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last delivery problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished">&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished">&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Send &amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo workspace sends no notifications, so it has no channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test message to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Test message sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ The test to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the channel &quot;%1&quot; and its secrets? Notifications still waiting for it are dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">Entfernen</translation>
    </message>
    <message>
        <source>The channel was removed, but its secrets could not be deleted from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::CommentDialog</name>
    <message>
        <source>Comment (optional), e.g. what you are doing about it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
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
    <name>stackscope::app::ConnectorPickerDialog</name>
    <message>
        <source>SMS and call volumes, delivery and error rates, usage cost.</source>
        <translation>SMS- und Anrufvolumen, Zustell- und Fehlerquoten, Nutzungskosten.</translation>
    </message>
    <message>
        <source>Email delivered, bounced, opened and clicked; spam reports.</source>
        <translation>Zugestellte, abgewiesene, geöffnete und geklickte E-Mails; Spam-Meldungen.</translation>
    </message>
    <message>
        <source>Sign-ups and authentication activity of your users.</source>
        <translation>Registrierungen und Anmeldeaktivität Ihrer Nutzer.</translation>
    </message>
    <message>
        <source>Push notifications sent and delivered, per platform.</source>
        <translation>Gesendete und zugestellte Push-Benachrichtigungen, je Plattform.</translation>
    </message>
    <message>
        <source>Chat messages, active users and channels.</source>
        <translation>Chat-Nachrichten, aktive Nutzer und Kanäle.</translation>
    </message>
    <message>
        <source>Product events, funnels and retention.</source>
        <translation>Produkt-Events, Funnels und Retention.</translation>
    </message>
    <message>
        <source>CloudWatch metrics: EC2, Lambda, RDS, API Gateway and alarms.</source>
        <translation>CloudWatch-Metriken: EC2, Lambda, RDS, API Gateway und Alarme.</translation>
    </message>
    <message>
        <source>Scrape your own services&apos; /metrics endpoint (OpenMetrics).</source>
        <translation>Den /metrics-Endpunkt Ihrer eigenen Dienste abfragen (OpenMetrics).</translation>
    </message>
    <message>
        <source>Any HTTP API that answers JSON: pick the numbers with paths, no code.</source>
        <translation>Jede HTTP-API, die JSON liefert: Zahlen über Pfade wählen, ohne Code.</translation>
    </message>
    <message>
        <source>Metrics from this service&apos;s API.</source>
        <translation>Metriken aus der API dieses Dienstes.</translation>
    </message>
    <message>
        <source>Add Service</source>
        <translation>Dienst hinzufügen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which service do you want to monitor?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Welchen Dienst möchten Sie überwachen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which service do you want to monitor in %1?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Welchen Dienst möchten Sie in %1 überwachen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next you enter its credentials; they go to the system keychain, never to disk.</source>
        <translation>Als Nächstes geben Sie die Zugangsdaten ein; sie kommen in den Schlüsselbund des Systems, nie auf die Festplatte.</translation>
    </message>
    <message>
        <source>Connector types</source>
        <translation>Connector-Typen</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
</context>
<context>
    <name>stackscope::app::DashboardCanvas</name>
    <message>
        <source>Dashboard panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move panel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::DashboardPage</name>
    <message>
        <source>Line chart</source>
        <translation>Liniendiagramm</translation>
    </message>
    <message>
        <source>Area chart</source>
        <translation>Flächendiagramm</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>Balkendiagramm</translation>
    </message>
    <message>
        <source>Single stat</source>
        <translation>Einzelwert</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Tachometer</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Top-N list</source>
        <translation>Top-N-Liste</translation>
    </message>
    <message>
        <source>Percentiles</source>
        <translation>Perzentile</translation>
    </message>
    <message>
        <source>Status tile</source>
        <translation>Statuskachel</translation>
    </message>
    <message>
        <source>&amp;Edit Layout</source>
        <translation>Layout &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Move, resize, add and remove panels (Ctrl+E)</source>
        <translation>Panels verschieben, skalieren, hinzufügen und entfernen (Strg+E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last layout edit (Ctrl+Z)</source>
        <translation>Letzte Layoutänderung rückgängig machen (Strg+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Wiederholen (Strg+Umschalt+Z)</translation>
    </message>
    <message>
        <source>Add Panel</source>
        <translation>Panel hinzufügen</translation>
    </message>
    <message>
        <source>Add a panel</source>
        <translation>Ein Panel hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>Dashboard not found</source>
        <translation>Dashboard nicht gefunden</translation>
    </message>
    <message>
        <source>Workspace dashboard</source>
        <translation>Dashboard des Arbeitsbereichs</translation>
    </message>
    <message>
        <source>Dashboard of %1</source>
        <translation>Dashboard von %1</translation>
    </message>
    <message>
        <source>%1 panel</source>
        <translation>%1 Panel</translation>
    </message>
    <message>
        <source>%1 panels</source>
        <translation>%1 Panels</translation>
    </message>
</context>
<context>
    <name>stackscope::app::DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished">Dashboard</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished">Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move, resize, add and remove panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished">Wird gespeichert …</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
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
    <name>stackscope::app::ExplorerPlot</name>
    <message>
        <source>%1 d</source>
        <translation type="unfinished">%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished">%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished">%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished">%1 s</translation>
    </message>
    <message>
        <source>Add to dashboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this chart to a dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert on this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an alert rule on this metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregation within each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the samples within one step of the chart are combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart of the selected metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a metric or series in the catalogue to plot it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse the catalogue by project and service, or search it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Wird geladen …</translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation type="unfinished">Die Daten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No data for this selection in this time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2 series (the largest on average); add a filter to narrow them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series: %1</source>
        <translation type="unfinished">Zeitreihen: %1</translation>
    </message>
    <message>
        <source>Step %1 · tier %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::ExplorerView</name>
    <message>
        <source>Search metrics, labels, services…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the metric catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words are matched anywhere in project, service, metric name and label values; all words must match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric catalogue by project and service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalogue could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a metric or series in the catalogue to plot it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a metric of %1 to plot it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No metric matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches: %1 series in %2 metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects: %1 · metrics: %2 · series: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the catalogue…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::Health</name>
    <message>
        <source>Healthy</source>
        <translation>In Ordnung</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Noch keine Daten</translation>
    </message>
    <message>
        <source>Polling normally</source>
        <translation>Wird normal abgefragt</translation>
    </message>
    <message>
        <source>Paused until its credentials are fixed</source>
        <translation>Pausiert, bis die Zugangsdaten korrigiert sind</translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation>Noch nicht abgefragt</translation>
    </message>
    <message>
        <source>Failing (%1 attempt)</source>
        <translation>Fehlerhaft (%1 Versuch)</translation>
    </message>
    <message>
        <source>Failing (%1 attempts in a row)</source>
        <translation>Fehlerhaft (%1 Versuche in Folge)</translation>
    </message>
</context>
<context>
    <name>stackscope::app::LabelFilterBar</name>
    <message>
        <source>Filters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a label filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove filter %1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrow the chart to series with a label value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plotted series have no labels to filter by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::MainWindow</name>
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
        <source>Demo workspace notice</source>
        <translation>Hinweis auf den Demo-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Everything in this workspace is generated. It never mixes with your real data.</source>
        <translation>Alles in diesem Arbeitsbereich ist erzeugt. Es vermischt sich nie mit Ihren echten Daten.</translation>
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
        <source>&amp;Services…</source>
        <translation>Di&amp;enste …</translation>
    </message>
    <message>
        <source>DEMO WORKSPACE — simulated services and data. Nothing here talks to a real vendor.</source>
        <translation>DEMO-ARBEITSBEREICH — simulierte Dienste und Daten. Nichts hier spricht mit einem echten Anbieter.</translation>
    </message>
    <message>
        <source>Polling now…</source>
        <translation>Wird jetzt abgefragt …</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Der Arbeitsbereich konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Project “%1” created. Add its first service from its page.</source>
        <translation>Projekt „%1“ angelegt. Fügen Sie auf seiner Seite den ersten Dienst hinzu.</translation>
    </message>
    <message>
        <source>Move Project to Trash</source>
        <translation>Projekt in den Papierkorb</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>The project could not be moved to the trash</source>
        <translation>Das Projekt konnte nicht in den Papierkorb verschoben werden</translation>
    </message>
    <message>
        <source>“%1” is in the trash.</source>
        <translation>„%1“ ist im Papierkorb.</translation>
    </message>
    <message>
        <source>“%1” is saved.</source>
        <translation>„%1“ ist gespeichert.</translation>
    </message>
    <message>
        <source>Move Service to Trash</source>
        <translation>Dienst in den Papierkorb</translation>
    </message>
    <message>
        <source>Move “%1” to the trash? It stops polling; its data stays. You can restore it for %2 days from File → Trash.</source>
        <translation>„%1“ in den Papierkorb verschieben? Die Abfrage endet, die Daten bleiben. Über Datei → Papierkorb lässt er sich %2 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>The service could not be moved to the trash</source>
        <translation>Der Dienst konnte nicht in den Papierkorb verschoben werden</translation>
    </message>
    <message>
        <source>New Dashboard</source>
        <translation>Neues Dashboard</translation>
    </message>
    <message>
        <source>The dashboard could not be created: %1</source>
        <translation>Das Dashboard konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Rename Dashboard</source>
        <translation>Dashboard umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>The dashboard could not be renamed</source>
        <translation>Das Dashboard konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <source>Move Dashboard to Trash</source>
        <translation>Dashboard in den Papierkorb</translation>
    </message>
    <message>
        <source>Move “%1” to the trash? You can restore it for %2 days from File → Trash.</source>
        <translation>„%1“ in den Papierkorb verschieben? Über Datei → Papierkorb lässt es sich %2 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>The dashboard could not be moved to the trash</source>
        <translation>Das Dashboard konnte nicht in den Papierkorb verschoben werden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New dashboard…</source>
        <translation>Neues Dashboard …</translation>
    </message>
    <message>
        <source>Add to Dashboard</source>
        <translation>Zum Dashboard hinzufügen</translation>
    </message>
    <message>
        <source>Add “%1” to:</source>
        <translation>„%1“ hinzufügen zu:</translation>
    </message>
    <message>
        <source>New &amp;Project…</source>
        <translation>Neues &amp;Projekt …</translation>
    </message>
    <message>
        <source>&amp;Add Service…</source>
        <translation>Dienst &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>New &amp;Dashboard…</source>
        <translation>Neues &amp;Dashboard …</translation>
    </message>
    <message>
        <source>Add, edit, test and remove the services Stackscope polls</source>
        <translation>Die von Stackscope abgefragten Dienste hinzufügen, bearbeiten, testen und entfernen</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>&amp;Papierkorb …</translation>
    </message>
    <message>
        <source>Open D&amp;emo Workspace</source>
        <translation>D&amp;emo-Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo Layout Edit</source>
        <translation>Layoutänderung &amp;rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo Layout Edit</source>
        <translation>Layoutänderung &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Edit Dashboard Layout</source>
        <translation>Dashboard-Layout &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>Jetzt &amp;aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>E&amp;xplorer</source>
        <translation>E&amp;xplorer</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alarme</translation>
    </message>
    <message>
        <source>&amp;Time Range</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>Last &amp;Hour</source>
        <translation>Letzte &amp;Stunde</translation>
    </message>
    <message>
        <source>Last &amp;24 Hours</source>
        <translation>Letzte &amp;24 Stunden</translation>
    </message>
    <message>
        <source>Last &amp;7 Days</source>
        <translation>Letzte &amp;7 Tage</translation>
    </message>
    <message>
        <source>Last &amp;30 Days</source>
        <translation>Letzte &amp;30 Tage</translation>
    </message>
    <message>
        <source>Last &amp;90 Days</source>
        <translation>Letzte &amp;90 Tage</translation>
    </message>
    <message>
        <source>Last &amp;Year</source>
        <translation>Letztes &amp;Jahr</translation>
    </message>
    <message>
        <source>&amp;Custom…</source>
        <translation>&amp;Benutzerdefiniert …</translation>
    </message>
    <message>
        <source>&amp;Zoom Out</source>
        <translation>&amp;Herauszoomen</translation>
    </message>
    <message>
        <source>Compare with &amp;Previous Period</source>
        <translation>Mit &amp;Vorperiode vergleichen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Move “%2” and its %1 service to the trash? It stops polling; both can be restored for %3 days from File → Trash.</source>
        <translation>„%2“ und seinen %1 Dienst in den Papierkorb verschieben? Die Abfrage endet; über Datei → Papierkorb lässt sich beides %3 Tage lang wiederherstellen.</translation>
    </message>
    <message>
        <source>Move “%2” and its %1 services to the trash? They stop polling; all can be restored for %3 days from File → Trash.</source>
        <translation>„%2“ und seine %1 Dienste in den Papierkorb verschieben? Die Abfragen enden; über Datei → Papierkorb lässt sich alles %3 Tage lang wiederherstellen.</translation>
    </message>
</context>
<context>
    <name>stackscope::app::MetricInfoPane</name>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished">Art</translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished">Zeitreihen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels of the metric and their values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a value to filter the chart by it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter (per interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation type="unfinished">Tachometer</translation>
    </message>
    <message>
        <source>No description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (metrics: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a metric below it to plot it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No metric selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a metric or series in the catalogue, or search for one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::MuteWindowsDialog</name>
    <message>
        <source>Mute and Maintenance Windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During these windows alerts are still recorded, but nobody is notified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished">Projekt</translation>
    </message>
    <message>
        <source>Every project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished">Dienst</translation>
    </message>
    <message>
        <source>Every service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration in hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. database maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished">&amp;Entfernen</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::NavigationModel</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>The health of every project at a glance</source>
        <translation>Der Zustand aller Projekte auf einen Blick</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Dashboards</translation>
    </message>
    <message>
        <source>Your own dashboards, across services and projects</source>
        <translation>Ihre eigenen Dashboards, über Dienste und Projekte hinweg</translation>
    </message>
    <message>
        <source>Dashboards of %1</source>
        <translation>Dashboards von %1</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Explorer</translation>
    </message>
    <message>
        <source>Browse, search and plot any metric</source>
        <translation>Jede Metrik durchsuchen, finden und darstellen</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Open and past alerts</source>
        <translation>Offene und vergangene Alarme</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>Alarme (%1)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 — %2
%3</source>
        <translation>%1 — %2
%3</translation>
    </message>
    <message>
        <source>%1 service</source>
        <translation>%1 Dienst</translation>
    </message>
    <message>
        <source>%1 services</source>
        <translation>%1 Dienste</translation>
    </message>
    <message>
        <source>Alerts, %1 open</source>
        <translation>Alarme, %1 offen</translation>
    </message>
</context>
<context>
    <name>stackscope::app::NavigationPane</name>
    <message>
        <source>Filter projects, services, dashboards</source>
        <translation>Projekte, Dienste, Dashboards filtern</translation>
    </message>
    <message>
        <source>Filter the navigation tree</source>
        <translation>Den Navigationsbaum filtern</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Add Service…</source>
        <translation>Dienst hinzufügen …</translation>
    </message>
    <message>
        <source>New Dashboard in This Project…</source>
        <translation>Neues Dashboard in diesem Projekt …</translation>
    </message>
    <message>
        <source>Edit Project…</source>
        <translation>Projekt bearbeiten …</translation>
    </message>
    <message>
        <source>Move Project to Trash</source>
        <translation>Projekt in den Papierkorb</translation>
    </message>
    <message>
        <source>Edit Service…</source>
        <translation>Dienst bearbeiten …</translation>
    </message>
    <message>
        <source>Move Service to Trash</source>
        <translation>Dienst in den Papierkorb</translation>
    </message>
    <message>
        <source>Rename Dashboard…</source>
        <translation>Dashboard umbenennen …</translation>
    </message>
    <message>
        <source>Move Dashboard to Trash</source>
        <translation>Dashboard in den Papierkorb</translation>
    </message>
    <message>
        <source>New Dashboard…</source>
        <translation>Neues Dashboard …</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>Neues Projekt …</translation>
    </message>
    <message>
        <source>Trash…</source>
        <translation>Papierkorb …</translation>
    </message>
</context>
<context>
    <name>stackscope::app::NewDashboardDialog</name>
    <message>
        <source>New Dashboard</source>
        <translation>Neues Dashboard</translation>
    </message>
    <message>
        <source>Dashboard name</source>
        <translation>Name des Dashboards</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Where the dashboard lives</source>
        <translation>Wo das Dashboard liegt</translation>
    </message>
    <message>
        <source>Whole workspace (mixes projects)</source>
        <translation>Ganzer Arbeitsbereich (projektübergreifend)</translation>
    </message>
    <message>
        <source>&amp;In:</source>
        <translation>&amp;In:</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Ausgangspunkt:</translation>
    </message>
    <message>
        <source>Dashboard templates</source>
        <translation>Dashboard-Vorlagen</translation>
    </message>
    <message>
        <source>Blank dashboard</source>
        <translation>Leeres Dashboard</translation>
    </message>
    <message>
        <source>an empty grid to fill from the explorer or the panel menu</source>
        <translation>ein leeres Raster, zu füllen aus dem Explorer oder dem Panel-Menü</translation>
    </message>
    <message>
        <source>Give the dashboard a name.</source>
        <translation>Geben Sie dem Dashboard einen Namen.</translation>
    </message>
</context>
<context>
    <name>stackscope::app::OutboxPanel</name>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished">&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Retry the selected deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished">Letzter Fehler</translation>
    </message>
    <message>
        <source>The demo workspace sends no notifications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every notification was delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) could not be delivered</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n waiting to be sent or retried.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stackscope::app::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No projects yet&lt;/h3&gt;&lt;p&gt;A project groups the services your product runs on: Twilio, SendGrid, AWS, your own Prometheus endpoint…&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Projekte&lt;/h3&gt;&lt;p&gt;Ein Projekt fasst die Dienste zusammen, auf denen Ihr Produkt läuft: Twilio, SendGrid, AWS, Ihr eigener Prometheus-Endpunkt …&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>Neues Projekt …</translation>
    </message>
    <message>
        <source>Add Service…</source>
        <translation>Dienst hinzufügen …</translation>
    </message>
    <message>
        <source>%1 project</source>
        <translation>%1 Projekt</translation>
    </message>
    <message>
        <source>%1 projects</source>
        <translation>%1 Projekte</translation>
    </message>
    <message>
        <source>%1 service</source>
        <translation>%1 Dienst</translation>
    </message>
    <message>
        <source>%1 services</source>
        <translation>%1 Dienste</translation>
    </message>
    <message>
        <source>%1 needs attention</source>
        <translation>%1 braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation>%1 brauchen Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1 failing</source>
        <translation>%1 fehlerhaft</translation>
    </message>
    <message>
        <source>Services that need attention</source>
        <translation>Dienste, die Aufmerksamkeit brauchen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
</context>
<context>
    <name>stackscope::app::PanelData</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::PanelEditorDialog</name>
    <message>
        <source>Edit panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panel type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. country=US, status=5xx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic; {{label}} inserts a label&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stack the series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gauge minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gauge maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gauge range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentiles</source>
        <translation type="unfinished">Perzentile</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no metric)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::PanelLoader</name>
    <message>
        <source>Could not read this panel&apos;s data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::PanelTableModel</name>
    <message>
        <source>Series</source>
        <translation type="unfinished">Zeitreihen</translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::PanelWidget</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished">Wird geladen …</translation>
    </message>
    <message>
        <source>Panel menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">Entfernen</translation>
    </message>
    <message>
        <source>Alert on this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No metric chosen yet. Choose one with Edit… in the panel menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data in this range</source>
        <translation type="unfinished">Keine Daten in diesem Zeitraum</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ProjectDialog</name>
    <message>
        <source>Forever</source>
        <translation>Für immer</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Edit Project</source>
        <translation>Projekt bearbeiten</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>Projektname</translation>
    </message>
    <message>
        <source>e.g. Storefront</source>
        <translation>z. B. Shop</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Colour %1</source>
        <translation>Farbe %1</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <source>Project icon</source>
        <translation>Projektsymbol</translation>
    </message>
    <message>
        <source>Initial letter</source>
        <translation>Anfangsbuchstabe</translation>
    </message>
    <message>
        <source>Pulse</source>
        <translation>Puls</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>&amp;Icon:</source>
        <translation>&amp;Symbol:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <source>Development</source>
        <translation>Entwicklung</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Keep data</source>
        <translation>Daten aufbewahren</translation>
    </message>
    <message>
        <source>Raw samples:</source>
        <translation>Rohwerte:</translation>
    </message>
    <message>
        <source>1-minute rollups:</source>
        <translation>1-Minuten-Verdichtungen:</translation>
    </message>
    <message>
        <source>1-hour rollups:</source>
        <translation>1-Stunden-Verdichtungen:</translation>
    </message>
    <message>
        <source>1-day rollups:</source>
        <translation>1-Tages-Verdichtungen:</translation>
    </message>
    <message>
        <source>Days to keep raw samples</source>
        <translation>Tage, die Rohwerte aufbewahrt werden</translation>
    </message>
    <message>
        <source>Days to keep 1-minute rollups</source>
        <translation>Tage, die 1-Minuten-Verdichtungen aufbewahrt werden</translation>
    </message>
    <message>
        <source>Days to keep 1-hour rollups</source>
        <translation>Tage, die 1-Stunden-Verdichtungen aufbewahrt werden</translation>
    </message>
    <message>
        <source>Days to keep 1-day rollups</source>
        <translation>Tage, die 1-Tages-Verdichtungen aufbewahrt werden</translation>
    </message>
    <message>
        <source>Coarser tiers keep long ranges cheap; charts pick the finest tier that still has the data.</source>
        <translation>Gröbere Stufen halten lange Zeiträume günstig; Diagramme wählen die feinste Stufe, die die Daten noch hat.</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>Geben Sie dem Projekt einen Namen.</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ProjectPage</name>
    <message>
        <source>Edit Project…</source>
        <translation>Projekt bearbeiten …</translation>
    </message>
    <message>
        <source>Add Service…</source>
        <translation>Dienst hinzufügen …</translation>
    </message>
    <message>
        <source>New Dashboard…</source>
        <translation>Neues Dashboard …</translation>
    </message>
    <message>
        <source>Services of the project</source>
        <translation>Dienste des Projekts</translation>
    </message>
    <message>
        <source>Project not found</source>
        <translation>Projekt nicht gefunden</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>%1 service</source>
        <translation>%1 Dienst</translation>
    </message>
    <message>
        <source>%1 services</source>
        <translation>%1 Dienste</translation>
    </message>
</context>
<context>
    <name>stackscope::app::ProjectTile</name>
    <message>
        <source>Project %1</source>
        <translation>Projekt %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>No services yet. Right-click the project in the tree to add one.</source>
        <translation>Noch keine Dienste. Klicken Sie mit der rechten Maustaste auf das Projekt im Baum, um einen hinzuzufügen.</translation>
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
    <name>stackscope::app::RuleEditorDialog</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. SMS failures high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it means and what to do (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished">&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. twilio.sms.failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>country=DE, status=failed (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished">Projekt</translation>
    </message>
    <message>
        <source>any project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished">Dienst</translation>
    </message>
    <message>
        <source>any service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished">&amp;Projekt:</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One alert for all matching series together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: every matching series (e.g. each country) is watched and alerts on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When to fire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value crosses a threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value changes fast (rate of change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value leaves its usual band (learned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Condition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Of the:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold is a percentage of the window&apos;s first value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> × typical spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Band width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weeks of history needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learn from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For how long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fire at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;For at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity and notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;everity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None checked: the default channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new notification about the same alert within this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ooldown:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve when the condition clears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen grace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firing again within this time after resolving reopens the alert instead of opening a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reopen within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Alert Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Alert Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label filters are written name=value, separated by commas; &quot;%1&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Compares each hour with the same hour of the week in past weeks. Shows &quot;learning&quot; and never fires until the metric has %n week(s) of history.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the %1 of %2 over %3 %4 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when %1 changes over %2 by an amount that %3 %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when %1 sends no data for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the %1 of %2 over %3 leaves its usual band (±%4 × spread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> for at least %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::RuleFromPanel</name>
    <message>
        <source>Created from the panel &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::RuleListPanel</name>
    <message>
        <source>%1 %2 %3 over %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change %1 %2%3 over %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 outside its usual band (±%2) over %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Rule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished">&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not evaluated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That rule no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the rule &quot;%1&quot;? Its past alerts stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported. Rule &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Alert Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Alert Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n rule(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>stackscope::app::ServicePage</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>Service health</source>
        <translation>Zustand des Dienstes</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Edit this service</source>
        <translation>Diesen Dienst bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test the connection to this service</source>
        <translation>Die Verbindung zu diesem Dienst testen</translation>
    </message>
    <message>
        <source>&amp;Poll Now</source>
        <translation>Jetzt &amp;abfragen</translation>
    </message>
    <message>
        <source>Fetch new data from this service now</source>
        <translation>Jetzt neue Daten von diesem Dienst holen</translation>
    </message>
    <message>
        <source>Connection works: %1</source>
        <translation>Verbindung funktioniert: %1</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Service not found</source>
        <translation>Dienst nicht gefunden</translation>
    </message>
    <message>
        <source>%1 · project %2 · every %3</source>
        <translation>%1 · Projekt %2 · alle %3</translation>
    </message>
    <message>
        <source>Last success: %1 · Last attempt: %2 · Next run: %3</source>
        <translation>Letzter Erfolg: %1 · Letzter Versuch: %2 · Nächster Lauf: %3</translation>
    </message>
    <message>
        <source>not polled (demo)</source>
        <translation>keine Abfrage (Demo)</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>This build of Stackscope does not know the service type “%1”.</source>
        <translation>Diese Version von Stackscope kennt den Diensttyp „%1“ nicht.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet …</translation>
    </message>
    <message>
        <source>The credentials could not be read from the system keychain: %1</source>
        <translation>Die Zugangsdaten konnten nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>The %1 is not in the system keychain. Edit the service to enter it.</source>
        <translation>%1 ist nicht im Schlüsselbund. Bearbeiten Sie den Dienst, um es einzugeben.</translation>
    </message>
    <message>
        <source>%1 minute ago</source>
        <translation>vor %1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes ago</source>
        <translation>vor %1 Minuten</translation>
    </message>
    <message>
        <source>in %1 minute</source>
        <translation>in %1 Minute</translation>
    </message>
    <message>
        <source>in %1 minutes</source>
        <translation>in %1 Minuten</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
    <name>stackscope::app::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Last hour … last year</source>
        <translation>Letzte Stunde … letztes Jahr</translation>
    </message>
    <message>
        <source>Zoom out to the previous range</source>
        <translation>Zum vorigen Zeitraum herauszoomen</translation>
    </message>
    <message>
        <source>New dashboard</source>
        <translation>Neues Dashboard</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Search (explorer, or the navigation filter)</source>
        <translation>Suchen (Explorer oder Navigationsfilter)</translation>
    </message>
    <message>
        <source>Edit the dashboard&apos;s layout</source>
        <translation>Das Layout des Dashboards bearbeiten</translation>
    </message>
    <message>
        <source>Go to the overview</source>
        <translation>Zur Übersicht</translation>
    </message>
    <message>
        <source>Go to the explorer</source>
        <translation>Zum Explorer</translation>
    </message>
    <message>
        <source>Go to the alerts</source>
        <translation>Zu den Alarmen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>All services (add, edit, test, remove)</source>
        <translation>Alle Dienste (hinzufügen, bearbeiten, testen, entfernen)</translation>
    </message>
    <message>
        <source>Undo / redo a layout edit (in the dashboard)</source>
        <translation>Layoutänderung rückgängig / wiederholen (im Dashboard)</translation>
    </message>
</context>
<context>
    <name>stackscope::app::StatPanel</name>
    <message>
        <source>vs previous %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::StatusPanel</name>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished">OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished">Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished">Kritisch</translation>
    </message>
</context>
<context>
    <name>stackscope::app::TablePanel</name>
    <message>
        <source>Panel values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::ThresholdEditor</name>
    <message>
        <source>Add threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove threshold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::TimeRangeBar</name>
    <message>
        <source>Auto-refresh off</source>
        <translation>Automatische Aktualisierung aus</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Time range and refresh</source>
        <translation>Zeitraum und Aktualisierung</translation>
    </message>
    <message>
        <source>Zoom out to the previous range</source>
        <translation>Zum vorigen Zeitraum herauszoomen</translation>
    </message>
    <message>
        <source>Back to the range before zooming (Alt+Left)</source>
        <translation>Zurück zum Zeitraum vor dem Zoomen (Alt+Links)</translation>
    </message>
    <message>
        <source>Shown range</source>
        <translation>Angezeigter Zeitraum</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert …</translation>
    </message>
    <message>
        <source>Choose a custom time range</source>
        <translation>Einen eigenen Zeitraum wählen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Compare with the previous period</source>
        <translation>Mit der Vorperiode vergleichen</translation>
    </message>
    <message>
        <source>Also draw the previous period of the same length</source>
        <translation>Auch die vorige Periode gleicher Länge zeichnen</translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation>Intervall der automatischen Aktualisierung</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Refresh now (F5)</source>
        <translation>Jetzt aktualisieren (F5)</translation>
    </message>
    <message>
        <source>Custom Time Range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>Start of the range</source>
        <translation>Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>End of the range</source>
        <translation>Ende des Zeitraums</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>Das Ende muss nach dem Beginn liegen.</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Every %1 seconds</source>
        <translation>Alle %1 Sekunden</translation>
    </message>
    <message>
        <source>Every minute</source>
        <translation>Jede Minute</translation>
    </message>
    <message>
        <source>Every %1 minutes</source>
        <translation>Alle %1 Minuten</translation>
    </message>
</context>
<context>
    <name>stackscope::app::TrashDialog</name>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Items in the trash</source>
        <translation>Einträge im Papierkorb</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Removed for good in</source>
        <translation>Endgültig entfernt in</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore the selected item</source>
        <translation>Den gewählten Eintrag wiederherstellen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The trash could not be read: %1</source>
        <translation>Der Papierkorb konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
    <message>
        <source>“%1” could not be restored: %2</source>
        <translation>„%1“ konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>“%1” is back.</source>
        <translation>„%1“ ist wieder da.</translation>
    </message>
    <message>
        <source>Projects, services and dashboards stay here for %1 days after you delete them, then they are removed for good. A restored project brings its services back.</source>
        <translation>Projekte, Dienste und Dashboards bleiben nach dem Löschen %1 Tage hier und werden dann endgültig entfernt. Ein wiederhergestelltes Projekt bringt seine Dienste mit.</translation>
    </message>
    <message>
        <source>%1 day</source>
        <translation>%1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>%1 hour</source>
        <translation>%1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
</context>
<context>
    <name>stackscope::app::TrayController</name>
    <message>
        <source>&amp;Hide Stackscope</source>
        <translation>Stackscope &amp;ausblenden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Open &amp;Alerts</source>
        <translation>&amp;Alarme öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Show Stackscope</source>
        <translation>Stackscope &amp;anzeigen</translation>
    </message>
    <message>
        <source>Stackscope</source>
        <translation>Stackscope</translation>
    </message>
    <message>
        <source>All services are healthy</source>
        <translation>Alle Dienste sind in Ordnung</translation>
    </message>
    <message>
        <source>No service has reported yet</source>
        <translation>Noch kein Dienst hat sich gemeldet</translation>
    </message>
    <message>
        <source>%1 critical alert open</source>
        <translation>%1 kritischer Alarm offen</translation>
    </message>
    <message>
        <source>%1 critical alerts open</source>
        <translation>%1 kritische Alarme offen</translation>
    </message>
    <message>
        <source>%1 alert open</source>
        <translation>%1 Alarm offen</translation>
    </message>
    <message>
        <source>%1 alerts open</source>
        <translation>%1 Alarme offen</translation>
    </message>
    <message>
        <source>%1 service failing</source>
        <translation>%1 Dienst fehlerhaft</translation>
    </message>
    <message>
        <source>%1 services failing</source>
        <translation>%1 Dienste fehlerhaft</translation>
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
    <name>stackscope::app::alertsui</name>
    <message>
        <source>CRITICAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INFO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished">Kritisch</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished">Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished">gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished">vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished">vor %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished">%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished">%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished">%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished">%1 T</translation>
    </message>
    <message>
        <source>no data (limit %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::charts::AreaChartView</name>
    <message>
        <source>%1 (previous)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::charts::TimeSeriesChartView</name>
    <message>
        <source>No data in this range</source>
        <translation>Keine Daten in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%1 (previous)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
