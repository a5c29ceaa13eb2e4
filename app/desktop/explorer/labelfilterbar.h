#pragma once

#include "model/sample.h"

#include <QMap>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QMenu;
class QToolButton;

namespace stackscope::app {

// The label filter chips of the explorer: one removable chip per label=value filter and an "Add filter" button
// whose menu lists the labels of the plotted metric and their values (as the catalogue knows them).
class LabelFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit LabelFilterBar(QWidget *parent = nullptr);

    // The labels and values the menu offers (a label already filtered offers its other values).
    void setAvailable(const QMap<QString, QStringList> &values);
    const QMap<QString, QStringList> &available() const { return m_available; }

    Labels filters() const { return m_filters; }
    void setFilters(const Labels &filters); // emits nothing
    // Adds or replaces the filter on `key`; emits filtersChanged.
    void addFilter(const QString &key, const QString &value);
    void removeFilter(const QString &key);
    QStringList chipTexts() const;

Q_SIGNALS:
    void filtersChanged(const stackscope::Labels &filters);

private:
    void rebuildChips();
    void rebuildMenu();

    QHBoxLayout *m_chipLayout = nullptr;
    QToolButton *m_addButton = nullptr;
    QMenu *m_menu = nullptr;
    QList<QToolButton *> m_chips;
    QMap<QString, QStringList> m_available;
    Labels m_filters;
};

} // namespace stackscope::app
