#pragma once

#include "storage/metricstore.h"
#include "storage/projectrepository.h"

#include <QColor>
#include <QDialog>

#include <optional>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

// Creates or edits a project (P1): name, colour, icon, environment and how long each storage tier keeps its
// data. Saving runs on the store thread; the dialog closes (accepted) once the project and its retention are
// saved, and shows the store's answer in plain words otherwise.
class ProjectDialog : public QDialog
{
    Q_OBJECT

public:
    ProjectDialog(storage::StoreService &store, std::optional<storage::Project> existing, QWidget *parent = nullptr);

    static const QList<QColor> &swatches();

    // For tests and tools.
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *environmentCombo() const { return m_environment; }
    QSpinBox *retentionSpin(int tier) const { return m_retention.value(tier); } // 0 raw, 1 minute, 2 hour, 3 day
    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    bool isRetentionLoaded() const { return m_retentionLoaded; }
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void projectSaved(const stackscope::storage::Project &project);
    void retentionLoaded();
    void saveFailed(const QString &message);

private:
    void loadRetention();
    void showRetention(const storage::RetentionPolicy &policy);
    storage::RetentionPolicy readRetention() const;
    void fail(const QString &message);

    storage::StoreService &m_store;
    std::optional<storage::Project> m_existing;
    QLineEdit *m_name = nullptr;
    QButtonGroup *m_colors = nullptr;
    QColor m_color;
    QComboBox *m_icon = nullptr;
    QComboBox *m_environment = nullptr;
    QList<QSpinBox *> m_retention;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_retentionLoaded = false;
    bool m_saving = false;
};

} // namespace stackscope::app
