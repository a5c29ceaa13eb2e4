#include "storage/seriescatalog.h"

#include "storage/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace stackscope::storage {

namespace {
const QString kProjectLabel = QStringLiteral("project");
}

SeriesCatalog::SeriesCatalog(Database &db) : m_db(db) {}

Status SeriesCatalog::load()
{
    m_metricIds.clear();
    m_projectNames.clear();
    m_projectIds.clear();
    m_series.clear();

    Statement &metrics = m_db.prepare("SELECT id, name FROM metrics;");
    while (metrics.step())
        m_metricIds.insert(metrics.text(1), metrics.int64(0));
    if (!metrics.ok())
        return metrics.error(QStringLiteral("loading metrics"));

    Statement &projects = m_db.prepare("SELECT id, name FROM projects;");
    while (projects.step()) {
        m_projectNames.insert(projects.int64(0), projects.text(1));
        m_projectIds.insert(projects.text(1), projects.int64(0));
    }
    if (!projects.ok())
        return projects.error(QStringLiteral("loading projects"));

    Statement &series = m_db.prepare(
        "SELECT s.id, m.name, s.labels, IFNULL(s.project_id, 0) FROM series s JOIN metrics m ON m.id = s.metric_id;");
    while (series.step()) {
        auto entry = std::make_shared<SeriesEntry>();
        entry->id = series.int64(0);
        entry->metric = series.text(1);
        entry->labels = parseLabels(series.text(2));
        entry->projectId = series.int64(3);
        index(std::move(entry));
    }
    if (!series.ok())
        return series.error(QStringLiteral("loading series"));
    return {};
}

void SeriesCatalog::renameProject(qint64 projectId, const QString &newName)
{
    const QString oldName = m_projectNames.value(projectId);
    if (oldName.isEmpty() || oldName == newName)
        return;
    m_projectIds.remove(oldName);
    m_projectIds.insert(newName, projectId);
    m_projectNames.insert(projectId, newName);
    // The lookup hash covers the labels, so relabelled entries are indexed again (high-water marks kept).
    QList<std::shared_ptr<SeriesEntry>> entries;
    for (auto it = m_series.begin(); it != m_series.end();) {
        if ((*it)->projectId == projectId && (*it)->labels.value(kProjectLabel) == oldName) {
            entries.append(*it);
            it = m_series.erase(it);
        } else {
            ++it;
        }
    }
    for (auto &entry : entries) {
        entry->labels.insert(kProjectLabel, newName);
        index(std::move(entry));
    }
}

void SeriesCatalog::forgetMaxTimestamps()
{
    for (auto &entry : m_series)
        entry->maxTsKnown = false;
}

void SeriesCatalog::reload()
{
    (void)load();
}

size_t SeriesCatalog::lookupHash(const QString &metric, const Labels &labels)
{
    size_t seed = qHash(metric);
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        seed = qHashMulti(seed, it.key(), it.value());
    return seed;
}

SeriesEntry *SeriesCatalog::find(const QString &metric, const Labels &labels) const
{
    const size_t hash = lookupHash(metric, labels);
    for (auto it = m_series.constFind(hash); it != m_series.cend() && it.key() == hash; ++it) {
        if ((*it)->metric == metric && (*it)->labels == labels)
            return it->get();
    }
    return nullptr;
}

void SeriesCatalog::index(std::shared_ptr<SeriesEntry> entry)
{
    const size_t hash = lookupHash(entry->metric, entry->labels);
    m_series.insert(hash, std::move(entry));
}

QString SeriesCatalog::canonicalLabels(const Labels &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Labels SeriesCatalog::parseLabels(const QString &json)
{
    Labels labels;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

Result<qint64> SeriesCatalog::metricId(const QString &name)
{
    if (auto it = m_metricIds.constFind(name); it != m_metricIds.cend())
        return *it;
    Statement &insert = m_db.prepare("INSERT INTO metrics(name) VALUES (?1);");
    if (Status st = insert.bind(1, name).run(); !st)
        return st.error();
    const qint64 id = m_db.queryInt("SELECT last_insert_rowid();").value();
    m_metricIds.insert(name, id);
    return id;
}

Result<qint64> SeriesCatalog::projectId(const QString &name, bool create)
{
    if (auto it = m_projectIds.constFind(name); it != m_projectIds.cend())
        return *it;
    if (!create)
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no project named \"%1\".").arg(name));
    Statement &insert = m_db.prepare("INSERT INTO projects(name, created_ms) VALUES (?1, ?2);");
    if (Status st = insert.bind(1, name).bind(2, QDateTime::currentMSecsSinceEpoch()).run(); !st)
        return st.error();
    const qint64 id = m_db.queryInt("SELECT last_insert_rowid();").value();
    m_projectIds.insert(name, id);
    m_projectNames.insert(id, name);
    return id;
}

Result<SeriesEntry *> SeriesCatalog::resolve(const QString &metric, const Labels &labels)
{
    if (SeriesEntry *known = find(metric, labels))
        return known;

    auto metricRow = metricId(metric);
    if (!metricRow)
        return metricRow.error();
    qint64 project = 0;
    if (const QString projectName = labels.value(kProjectLabel); !projectName.isEmpty()) {
        auto projectRow = projectId(projectName, true);
        if (!projectRow)
            return projectRow.error();
        project = projectRow.value();
    }
    Statement &insert = m_db.prepare("INSERT INTO series(metric_id, project_id, labels) VALUES (?1, ?2, ?3);");
    insert.bind(1, metricRow.value()).bind(3, canonicalLabels(labels));
    if (project)
        insert.bind(2, project);
    else
        insert.bindNull(2);
    if (Status st = insert.run(); !st)
        return st.error();

    auto entry = std::make_shared<SeriesEntry>();
    entry->id = m_db.queryInt("SELECT last_insert_rowid();").value();
    entry->metric = metric;
    entry->labels = labels;
    entry->projectId = project;
    entry->maxTsKnown = true; // a new series has nothing stored yet
    SeriesEntry *raw = entry.get();
    index(std::move(entry));
    return raw;
}

QList<const SeriesEntry *> SeriesCatalog::match(const QString &metric, const Labels &filter) const
{
    QList<const SeriesEntry *> found;
    for (const auto &entry : m_series) {
        if (entry->metric != metric)
            continue;
        bool matches = true;
        for (auto it = filter.cbegin(); it != filter.cend() && matches; ++it)
            matches = entry->labels.value(it.key()) == it.value() && entry->labels.contains(it.key());
        if (matches)
            found.append(entry.get());
    }
    std::sort(found.begin(), found.end(), [](const SeriesEntry *a, const SeriesEntry *b) { return a->id < b->id; });
    return found;
}

QList<const SeriesEntry *> SeriesCatalog::all() const
{
    QList<const SeriesEntry *> found;
    found.reserve(m_series.size());
    for (const auto &entry : m_series)
        found.append(entry.get());
    std::sort(found.begin(), found.end(), [](const SeriesEntry *a, const SeriesEntry *b) { return a->id < b->id; });
    return found;
}

} // namespace stackscope::storage
