#pragma once

#include "alerts/alert.h"
#include "alerts/alertfilter.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace stackscope::app {

class AlertDetailPane;
class AlertFilterBar;
class AlertTableModel;
class AlertingHost;

// The list of alerts (D6): the filter bar, one page of matching alerts (newest first, 50 a page, "1–50 of 132"),
// quick actions on the selected alerts (acknowledge, resolve, reopen, each with an optional comment, by the
// user's name) and the detail pane with the history of the selected one. Reads on the store thread; refreshes
// when the engine changes alerts and after every action.
class AlertListPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Action { Acknowledge, Resolve, Reopen };
    static constexpr int kPageSize = 50;

    explicit AlertListPanel(AlertingHost *host, QWidget *parent = nullptr);

    void reload();
    // Shows one alert in the detail pane (selecting it when it is on the page), e.g. from a notification.
    void showAlert(qint64 alertId);
    void setScopes(const QMap<QString, QStringList> &servicesByProject);

    // Asks for a comment, then acts on the selected alerts the action applies to.
    void requestAction(Action action);
    // Acts without asking (the dialog's answer, tests). Alerts the action does not apply to are left alone.
    void act(Action action, const QList<qint64> &alertIds, const QString &comment);

    QList<qint64> selectedAlertIds() const;
    void selectAlerts(const QList<qint64> &alertIds);
    void nextPage();
    void previousPage();
    int offset() const { return m_offset; }
    qint64 total() const { return m_total; }

    AlertFilterBar *filterBar() const { return m_filters; }
    AlertTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    AlertDetailPane *detailPane() const { return m_detail; }
    QLabel *pageLabel() const { return m_pageLabel; }
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void loaded();                       // a page arrived (tests, screenshots)
    void detailLoaded(qint64 alertId);   // the detail pane shows this alert and its history
    void actionFinished(int changed, const QString &problem);   // problem empty when all went well
    void editRuleRequested(const QString &ruleKey);

private:
    void onFilterChanged();
    void onPageLoaded(quint64 generation, Result<alerts::AlertPage> page);
    void onSelectionChanged();
    void loadDetail(qint64 alertId);
    void updateActions();
    void updatePager();
    bool applies(Action action, const alerts::Alert &alert) const;

    AlertingHost *m_host;
    AlertFilterBar *m_filters = nullptr;
    AlertTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    AlertDetailPane *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    QPushButton *m_ack = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_reopen = nullptr;
    QLabel *m_pageLabel = nullptr;
    QToolButton *m_prev = nullptr;
    QToolButton *m_next = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_clockTimer = nullptr;
    int m_offset = 0;
    qint64 m_total = 0;
    quint64 m_generation = 0;
    quint64 m_detailGeneration = 0;
    QList<qint64> m_keepSelection;
    qint64 m_detailId = 0;
};

} // namespace stackscope::app
