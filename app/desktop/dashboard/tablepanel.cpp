#include "tablepanel.h"

#include "paneltablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace stackscope::app {

TablePanel::TablePanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : PanelWidget(spec, parent)
    , m_model(new PanelTableModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    m_view->setObjectName(QStringLiteral("panelTable"));
    m_view->setAccessibleName(tr("Panel values"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PanelTableModel::Last, Qt::DescendingOrder);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(PanelTableModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_model->setPalette(palette());
    setBody(m_view);
}

void TablePanel::applyData(const PanelData &panelData)
{
    m_model->setRows(panelData.summaries, panelData.unit, spec().decimals, spec().thresholds);
}

void TablePanel::changeEvent(QEvent *event)
{
    PanelWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
}

} // namespace stackscope::app
