#include "icons.h"

#include <QAbstractButton>
#include <QAction>
#include <QGuiApplication>
#include <QWidget>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace stackscope::app::Icons {

namespace {

QPixmap tinted(const QString &name, const QColor &color, int size)
{
    const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
    QPixmap pixmap = QIcon(QStringLiteral(":/icons/%1.svg").arg(name)).pixmap(QSize(size, size), dpr);
    if (pixmap.isNull())
        return pixmap;
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), color);
    return pixmap;
}

} // namespace

QIcon line(const QString &name, const QColor &color)
{
    QIcon icon;
    for (int size : {16, 20, 24, 32})
        icon.addPixmap(tinted(name, color, size));
    return icon;
}

QIcon line(const QString &name, const QPalette &palette)
{
    QColor color = palette.color(QPalette::WindowText);
    color.setAlphaF(0.8f);
    return line(name, color);
}

namespace {
const char kLineIconProperty[] = "stackscopeLineIcon";
} // namespace

void setLineIcon(QAbstractButton *button, const QString &name)
{
    button->setProperty(kLineIconProperty, name);
    button->setIcon(line(name, button->palette()));
}

void setLineIcon(QAction *action, const QString &name, const QPalette &palette)
{
    action->setProperty(kLineIconProperty, name);
    action->setIcon(line(name, palette));
}

void retint(QWidget *root)
{
    const auto buttons = root->findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons)
        if (const QString name = button->property(kLineIconProperty).toString(); !name.isEmpty())
            button->setIcon(line(name, button->palette()));
    const auto actions = root->findChildren<QAction *>();
    for (QAction *action : actions)
        if (const QString name = action->property(kLineIconProperty).toString(); !name.isEmpty())
            action->setIcon(line(name, root->palette()));
}

QIcon statusDot(HealthLevel level)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(Health::color(level));
        const qreal r = size * 0.28;
        painter.drawEllipse(QPointF(size / 2.0, size / 2.0), r, r);
        icon.addPixmap(pixmap);
    }
    return icon;
}

QColor projectColor(const QString &name, const QString &stored)
{
    const QColor color(stored);
    if (!stored.isEmpty() && color.isValid())
        return color;
    // A stable, pleasant hue from the name.
    static const QList<QColor> palette{QColor(0x4c, 0x78, 0xdb), QColor(0x8e, 0x5c, 0xd9), QColor(0x1f, 0x9e, 0x89),
                                       QColor(0xd9, 0x6c, 0x2e), QColor(0xc9, 0x4f, 0x8a), QColor(0x3b, 0x9a, 0xc8)};
    return palette.at(int(qHash(name) % quint32(palette.size())));
}

QIcon projectBadge(const QString &name, const QColor &color, HealthLevel level)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const QRectF box(0.5, 0.5, size - 1.0, size - 1.0);
        painter.drawRoundedRect(box, size * 0.22, size * 0.22);
        QFont font = painter.font();
        font.setPixelSize(int(size * 0.62));
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        QString letters = name;
        letters.remove(QStringLiteral("Demo – ")); // the demo's projects would all be "D"
        painter.drawText(box, Qt::AlignCenter, letters.left(1).toUpper());
        // The health as a dot in the corner, ringed so it reads on the badge.
        const qreal r = size * 0.2;
        const QPointF centre(size - r - 0.5, size - r - 0.5);
        painter.setPen(QPen(Qt::white, size / 16.0));
        painter.setBrush(Health::color(level));
        painter.drawEllipse(centre, r, r);
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon appWithStatus(HealthLevel level)
{
    QIcon icon;
    const QIcon app(QStringLiteral(":/icons/stackscope.svg"));
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = app.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(QColor(0x2b, 0x3a, 0x55));
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal r = size * 0.22;
        const QPointF centre(size - r - 0.5, size - r - 0.5);
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 20.0)));
        painter.setBrush(Health::color(level));
        painter.drawEllipse(centre, r, r);
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace stackscope::app::Icons
