#include "gridlayout.h"

#include <algorithm>
#include <numeric>

namespace stackscope::app::gridlayout {

using dashboard::DashboardSpec;
using dashboard::GridRect;
using dashboard::PanelSpec;

namespace {

constexpr int kColumns = DashboardSpec::kGridColumns;

bool collidesWithAny(const QList<PanelSpec> &panels, qsizetype self, const GridRect &rect)
{
    for (qsizetype i = 0; i < panels.size(); ++i)
        if (i != self && overlaps(panels.at(i).rect, rect))
            return true;
    return false;
}

// Indices in reading order (top to bottom, left to right); `priority` first among equals.
QList<qsizetype> readingOrder(const QList<PanelSpec> &panels, qsizetype priority)
{
    QList<qsizetype> order(panels.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const GridRect &ra = panels.at(a).rect;
        const GridRect &rb = panels.at(b).rect;
        if (ra.y != rb.y)
            return ra.y < rb.y;
        if ((a == priority) != (b == priority))
            return a == priority;
        return ra.x < rb.x;
    });
    return order;
}

} // namespace

bool overlaps(const GridRect &a, const GridRect &b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

GridRect clamped(GridRect rect, int minW, int minH)
{
    rect.w = std::clamp(rect.w, std::min(minW, kColumns), kColumns);
    rect.h = std::max(rect.h, std::max(1, minH));
    rect.x = std::clamp(rect.x, 0, kColumns - rect.w);
    rect.y = std::max(rect.y, 0);
    return rect;
}

QList<PanelSpec> placed(QList<PanelSpec> panels, qsizetype index, const GridRect &target)
{
    if (index < 0 || index >= panels.size())
        return panels;
    panels[index].rect = clamped(target, 1, 1);
    const GridRect moved = panels.at(index).rect;

    // Panels hit by the moved one: lifted above it when they fit there (so dragging a panel down past another
    // swaps them), otherwise pushed below it. Pushing cascades in reading order.
    QList<qsizetype> settled{index};
    const QList<qsizetype> order = readingOrder(panels, index);
    for (qsizetype i : order) {
        if (i == index)
            continue;
        GridRect rect = panels.at(i).rect;
        if (overlaps(rect, moved)) {
            GridRect above = rect;
            above.y = moved.y - rect.h;
            if (above.y >= 0 && rect.y < moved.y && !collidesWithAny(panels, i, above)) {
                panels[i].rect = above;
                settled.append(i);
                continue;
            }
        }
        bool moved_ = true;
        while (moved_) {
            moved_ = false;
            for (qsizetype s : std::as_const(settled)) {
                if (overlaps(rect, panels.at(s).rect)) {
                    rect.y = panels.at(s).rect.y + panels.at(s).rect.h;
                    moved_ = true;
                }
            }
        }
        panels[i].rect = rect;
        settled.append(i);
    }
    return compacted(std::move(panels), index);
}

QList<PanelSpec> compacted(QList<PanelSpec> panels, qsizetype priority)
{
    const QList<qsizetype> order = readingOrder(panels, priority);
    QList<qsizetype> done;
    for (qsizetype i : order) {
        GridRect rect = panels.at(i).rect;
        const auto hits = [&](const GridRect &r) {
            return std::any_of(done.cbegin(), done.cend(),
                               [&](qsizetype d) { return overlaps(r, panels.at(d).rect); });
        };
        // First below everything it overlaps (a broken stored layout), then as high as it goes.
        while (hits(rect))
            ++rect.y;
        while (rect.y > 0) {
            GridRect up = rect;
            --up.y;
            if (hits(up))
                break;
            rect = up;
        }
        panels[i].rect = rect;
        done.append(i);
    }
    return panels;
}

GridRect firstFree(const QList<PanelSpec> &panels, int w, int h)
{
    const GridRect size = clamped(GridRect{0, 0, w, h}, 1, 1);
    const int rows = rowCount(panels);
    for (int y = 0; y <= rows; ++y) {
        for (int x = 0; x + size.w <= kColumns; ++x) {
            const GridRect candidate{x, y, size.w, size.h};
            if (!collidesWithAny(panels, -1, candidate))
                return candidate;
        }
    }
    return GridRect{0, rows, size.w, size.h};
}

int rowCount(const QList<PanelSpec> &panels)
{
    int rows = 0;
    for (const PanelSpec &p : panels)
        rows = std::max(rows, p.rect.y + p.rect.h);
    return rows;
}

} // namespace stackscope::app::gridlayout
