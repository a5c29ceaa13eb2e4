#include "storage/projectrepository.h"

#include "storage/database.h"
#include "storage/seriescatalog.h"

namespace stackscope::storage {

ProjectRepository::ProjectRepository(Database &db, SeriesCatalog &catalog) : m_db(db), m_catalog(catalog) {}

} // namespace stackscope::storage
