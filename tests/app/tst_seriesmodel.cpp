#include "seriesfiltermodel.h"
#include "serieslistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace stackscope;
using namespace stackscope::app;
using storage::SeriesInfo;

class tst_SeriesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void displayText_data();
    void displayText();
    void sortedByProjectThenMetric();
    void mergeKeepsRowsAndSelection();
    void rolesAndLookup();
    void search_data();
    void search();
};

namespace {

SeriesInfo series(qint64 id, const QString &metric, Labels labels)
{
    SeriesInfo s;
    s.id = id;
    s.metric = metric;
    s.project = labels.value(QStringLiteral("project"));
    s.labels = std::move(labels);
    return s;
}

QList<SeriesInfo> sample()
{
    const QString shop = QStringLiteral("Demo – Storefront");
    const QString platform = QStringLiteral("Demo – Platform");
    return {
        series(1, QStringLiteral("twilio.sms.sent"),
               {{QStringLiteral("project"), shop}, {QStringLiteral("country"), QStringLiteral("DE")}}),
        series(2, QStringLiteral("twilio.sms.failed"),
               {{QStringLiteral("project"), shop}, {QStringLiteral("country"), QStringLiteral("DE")}}),
        series(3, QStringLiteral("aws.ec2.cpu_utilization"),
               {{QStringLiteral("project"), platform}, {QStringLiteral("name"), QStringLiteral("web-1")}}),
        series(4, QStringLiteral("up"), {}),
    };
}

QStringList texts(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data().toString());
    return out;
}

} // namespace

void tst_SeriesModel::displayText_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QVariantMap>("labels");
    QTest::addColumn<QString>("text");
    QTest::addRow("no labels") << QStringLiteral("up") << QVariantMap{} << QStringLiteral("up");
    QTest::addRow("project only") << QStringLiteral("up") << QVariantMap{{QStringLiteral("project"), QStringLiteral("P")}}
                                  << QStringLiteral("up");
    QTest::addRow("labels sorted, project left out")
        << QStringLiteral("twilio.sms.sent")
        << QVariantMap{{QStringLiteral("service"), QStringLiteral("Twilio")}, {QStringLiteral("country"), QStringLiteral("DE")},
                       {QStringLiteral("project"), QStringLiteral("P")}}
        << QStringLiteral("twilio.sms.sent {country=DE, service=Twilio}");
}

void tst_SeriesModel::displayText()
{
    QFETCH(QString, metric);
    QFETCH(QVariantMap, labels);
    QFETCH(QString, text);
    Labels l;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        l.insert(it.key(), it.value().toString());
    QCOMPARE(SeriesListModel::displayText(series(1, metric, l)), text);
}

void tst_SeriesModel::sortedByProjectThenMetric()
{
    SeriesListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSeries(sample());
    QCOMPARE(texts(model), (QStringList{QStringLiteral("up"),
                                        QStringLiteral("aws.ec2.cpu_utilization {name=web-1}"),
                                        QStringLiteral("twilio.sms.failed {country=DE}"),
                                        QStringLiteral("twilio.sms.sent {country=DE}")}));
}

void tst_SeriesModel::mergeKeepsRowsAndSelection()
{
    SeriesListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<SeriesInfo> first = sample();
    first.removeAt(1); // twilio.sms.failed arrives later
    model.setSeries(first);
    QCOMPARE(model.rowCount(), 3);
    const QPersistentModelIndex sent = model.index(model.rowOfSeries(1));
    QVERIFY(sent.isValid());

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setSeries(sample());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 0);
    QVERIFY(sent.isValid());
    QCOMPARE(sent.data(SeriesListModel::SeriesIdRole).toLongLong(), 1);

    // The same listing again changes nothing.
    model.setSeries(sample());
    QCOMPARE(inserted.count(), 1);

    // A series that disappears is removed; the others stay where the view expects them.
    QList<SeriesInfo> fewer = sample();
    fewer.removeAt(2);
    model.setSeries(fewer);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(sent.isValid());
    QCOMPARE(model.rowOfSeries(3), -1);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!sent.isValid());
}

void tst_SeriesModel::rolesAndLookup()
{
    SeriesListModel model;
    model.setSeries(sample());
    const int row = model.rowOfSeries(2);
    QVERIFY(row >= 0);
    const QModelIndex index = model.index(row);
    QCOMPARE(index.data(SeriesListModel::MetricRole).toString(), QStringLiteral("twilio.sms.failed"));
    QCOMPARE(index.data(SeriesListModel::ProjectRole).toString(), QStringLiteral("Demo – Storefront"));
    QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Demo – Storefront")));
    QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("twilio.sms.failed")));
    QCOMPARE(index.data(SeriesListModel::LabelsRole).toMap().value(QStringLiteral("country")).toString(),
             QStringLiteral("DE"));
    const QString key = index.data(SeriesListModel::KeyRole).toString();
    QCOMPARE(model.rowOfKey(key), row);
    QCOMPARE(model.seriesAt(row)->id, 2);
    QCOMPARE(model.seriesAt(99), nullptr);
    QVERIFY(model.roleNames().contains(SeriesListModel::SeriesIdRole));
}

void tst_SeriesModel::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::addRow("empty") << QString() << 4;
    QTest::addRow("metric prefix") << QStringLiteral("twilio") << 2;
    QTest::addRow("case-insensitive label") << QStringLiteral("Country=de") << 2;
    QTest::addRow("several terms") << QStringLiteral("twilio  FAILED de") << 1;
    QTest::addRow("project") << QStringLiteral("platform") << 1;
    QTest::addRow("nothing") << QStringLiteral("stripe") << 0;
}

void tst_SeriesModel::search()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    SeriesListModel model;
    SeriesFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSeries(sample());
    filter.setSearchText(text);
    QCOMPARE(filter.rowCount(), rows);
    // Data arriving while a search is active keeps the filter.
    QList<SeriesInfo> more = sample();
    more.append(series(5, QStringLiteral("twilio.sms.failed"),
                       {{QStringLiteral("project"), QStringLiteral("Demo – Storefront")},
                        {QStringLiteral("country"), QStringLiteral("US")}}));
    model.setSeries(more);
    QVERIFY(filter.rowCount() >= rows);
    filter.setSearchText(QString());
    QCOMPARE(filter.rowCount(), 5);
}

QTEST_MAIN(tst_SeriesModel)
#include "tst_seriesmodel.moc"
