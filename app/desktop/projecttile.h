#pragma once

#include "healthlevel.h"

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>

namespace stackscope::app {

// One project on the overview (P3): its colour and name, environment, health in words and colour, how many of
// its services are failing, and up to three key numbers with a sparkline each. Clicking it opens the project.
class ProjectTile : public QWidget
{
    Q_OBJECT

public:
    struct Figure
    {
        QString title;
        QString value;             // formatted; empty while loading
        QList<QPointF> sparkline;  // (ts, value)
    };

    explicit ProjectTile(qint64 projectId, QWidget *parent = nullptr);

    qint64 projectId() const { return m_projectId; }
    void setProject(const QString &name, const QColor &color, const QString &environment);
    void setHealth(HealthLevel level, const QString &summary);
    void setFigures(const QList<Figure> &figures);
    void setFigure(int index, const Figure &figure);
    const QList<Figure> &figures() const { return m_figures; }
    HealthLevel level() const { return m_level; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void clicked(qint64 projectId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void updateAccessibleText();
    void drawSparkline(QPainter &painter, const QRectF &rect, const QList<QPointF> &points) const;

    qint64 m_projectId;
    QString m_name;
    QColor m_color;
    QString m_environment;
    HealthLevel m_level = HealthLevel::Unknown;
    QString m_summary;
    QList<Figure> m_figures;
    bool m_hover = false;
};

} // namespace stackscope::app
