<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Stackscope monitoring cockpit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the database key from &lt;file&gt; (mode 0600) instead of the system keychain. Also taken from STACKSCOPE_KEY_FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo workspace with simulated data (created on first use).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::DemoSeeder</name>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo data could not be stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::MainWindow</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key does not fit this workspace. Check the key file or the keychain entry. The workspace was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the database from a backup. Stackscope did not modify or replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available. Make sure a Secret Service (such as GNOME Keyring or KWallet) is running and unlocked, or start Stackscope with --key-file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database key was found for this workspace. Start Stackscope with --key-file, or set STACKSCOPE_KEY_FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stackscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage tier of the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points in the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data generation progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating demo data… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry opening the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo workspace with simulated data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO WORKSPACE — simulated data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo workspace notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in this workspace is generated. It never mixes with your real data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search series (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart of the selected series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Stackscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Stackscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Stackscope %1&lt;/b&gt;&lt;p&gt;A monitoring cockpit for solo developers and small teams: the metrics of every service your product runs on, in one encrypted local store.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the demo workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Stackscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no workspace in %1 yet.

Explore the demo workspace to see Stackscope at work with simulated services, or create a workspace with “stackscoped init” and open it with --workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo workspace is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo data could not be generated completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The series could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No series yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first series appear in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series appear here once a connector has stored data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace holds no data yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n series</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1, query took %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stackscope::app::RangeSelector</name>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::SeriesListModel</name>
    <message>
        <source>Project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, project %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::app::WorkspaceOpener</name>
    <message>
        <source>%1 holds a workspace that is not a demo workspace. Stackscope will not put simulated data into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains a database but no workspace.json. It was left untouched; move it away to start a fresh demo workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain has no database key for this workspace.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stackscope::charts::TimeSeriesChartView</name>
    <message>
        <source>No data in this range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
