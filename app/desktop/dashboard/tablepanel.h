#pragma once

#include "panelwidget.h"

class QSortFilterProxyModel;
class QTableView;

namespace stackscope::app {

class PanelTableModel;

// Series × last / min / max / avg over the range (D3), sortable by any column.
class TablePanel : public PanelWidget
{
    Q_OBJECT

public:
    explicit TablePanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    PanelTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    void applyData(const PanelData &data) override;
    void changeEvent(QEvent *event) override;

private:
    PanelTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace stackscope::app
