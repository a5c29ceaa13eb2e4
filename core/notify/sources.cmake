# Notification channels, the outbox and its dispatcher. Included from core/CMakeLists.txt.
target_sources(stackscope_core PRIVATE
    notify/channelconfig.h
    notify/channelcredentials.cpp notify/channelcredentials.h
    notify/channelrepository.cpp notify/channelrepository.h
    notify/channelsender.cpp notify/channelsender.h
    notify/channeltypes.cpp notify/channeltypes.h
    notify/deliveryworker.cpp notify/deliveryworker.h
    notify/desktopsender.cpp notify/desktopsender.h
    notify/emailsender.cpp notify/emailsender.h
    notify/httpsenders.cpp notify/httpsenders.h
    notify/mailmessage.cpp notify/mailmessage.h
    notify/notification.cpp notify/notification.h
    notify/notifylogging.cpp notify/notifylogging.h
    notify/outboxdispatcher.cpp notify/outboxdispatcher.h
    notify/outboxrepository.cpp notify/outboxrepository.h
    notify/relay.cpp notify/relay.h
    notify/retrypolicy.cpp notify/retrypolicy.h
    notify/slackmessage.cpp notify/slackmessage.h
    notify/smtptransfer.cpp notify/smtptransfer.h
    notify/storegateway.cpp notify/storegateway.h
    notify/transaction.cpp notify/transaction.h
    notify/webhookpayload.cpp notify/webhookpayload.h
)
