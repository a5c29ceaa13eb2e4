# Notification channels, the outbox and its dispatcher. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    notify/channelconfig.h
    notify/channelrepository.h
    notify/notification.h
    notify/outboxrepository.h
)
