#include "storage/retentionbook.h"

#include "storage/database.h"

#include <limits>

namespace stackscope::storage {

namespace {

std::optional<int> parseDays(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 ? std::optional<int>(value) : std::nullopt; // "forever" or empty: keep
}

QString formatDays(std::optional<int> days)
{
    return days ? QString::number(*days) : QStringLiteral("forever");
}

std::optional<int> columnDays(const Statement &st, int column)
{
    return st.isNull(column) ? std::nullopt : std::optional<int>(int(st.int64(column)));
}

void bindDays(Statement &st, int index, std::optional<int> days)
{
    if (days)
        st.bind(index, *days);
    else
        st.bindNull(index);
}

} // namespace

RetentionBook::RetentionBook(Database &db) : m_db(db) {}

Status RetentionBook::load()
{
    m_projects.clear();
    Statement &defaults = m_db.prepare("SELECT key, value FROM meta WHERE key LIKE 'retention.%';");
    while (defaults.step()) {
        const QString key = defaults.text(0);
        const std::optional<int> days = parseDays(defaults.text(1));
        if (key == QLatin1String("retention.raw_days"))
            m_default.rawDays = days;
        else if (key == QLatin1String("retention.1m_days"))
            m_default.minuteDays = days;
        else if (key == QLatin1String("retention.1h_days"))
            m_default.hourDays = days;
        else if (key == QLatin1String("retention.1d_days"))
            m_default.dayDays = days;
    }
    if (!defaults.ok())
        return defaults.error(QStringLiteral("reading retention defaults"));

    Statement &projects = m_db.prepare("SELECT id, retention_raw_days, retention_1m_days, retention_1h_days, "
                                       "retention_1d_days FROM projects;");
    while (projects.step()) {
        RetentionPolicy policy;
        policy.rawDays = columnDays(projects, 1);
        policy.minuteDays = columnDays(projects, 2);
        policy.hourDays = columnDays(projects, 3);
        policy.dayDays = columnDays(projects, 4);
        m_projects.insert(projects.int64(0), policy);
    }
    if (!projects.ok())
        return projects.error(QStringLiteral("reading project retention"));
    return {};
}

RetentionPolicy RetentionBook::policy(qint64 projectId) const
{
    return projectId ? m_projects.value(projectId, m_default) : m_default;
}

Status RetentionBook::setPolicy(qint64 projectId, const RetentionPolicy &policy)
{
    if (projectId == 0) {
        const std::pair<const char *, std::optional<int>> rows[] = {
            {"retention.raw_days", policy.rawDays},
            {"retention.1m_days", policy.minuteDays},
            {"retention.1h_days", policy.hourDays},
            {"retention.1d_days", policy.dayDays},
        };
        for (const auto &[key, days] : rows) {
            Statement &write = m_db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2);");
            if (Status st = write.bind(1, QString::fromLatin1(key)).bind(2, formatDays(days)).run(); !st)
                return st;
        }
        m_default = policy;
        return {};
    }
    Statement &update = m_db.prepare("UPDATE projects SET retention_raw_days = ?2, retention_1m_days = ?3, "
                                     "retention_1h_days = ?4, retention_1d_days = ?5 WHERE id = ?1;");
    update.bind(1, projectId);
    bindDays(update, 2, policy.rawDays);
    bindDays(update, 3, policy.minuteDays);
    bindDays(update, 4, policy.hourDays);
    bindDays(update, 5, policy.dayDays);
    if (Status st = update.run(); !st)
        return st;
    m_projects.insert(projectId, policy);
    return {};
}

std::optional<int> RetentionBook::days(const RetentionPolicy &policy, Tier tier)
{
    switch (tier) {
    case Tier::Raw: return policy.rawDays;
    case Tier::Minute: return policy.minuteDays;
    case Tier::Hour: return policy.hourDays;
    case Tier::Day: return policy.dayDays;
    }
    return std::nullopt;
}

qint64 RetentionBook::cutoff(Tier tier, qint64 projectId, qint64 nowMs) const
{
    const std::optional<int> keep = days(policy(projectId), tier);
    if (!keep)
        return std::numeric_limits<qint64>::min();
    return nowMs - qint64(*keep) * 86'400'000;
}

} // namespace stackscope::storage
