#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// The URI log callback of `MHD_OPTION_URI_LOG_CALLBACK`: called once per request with the request-target exactly
/// as sent (path and query, nothing decoded); its result becomes the request's `*con_cls`.
typedef void *(*cmhd_uri_log_callback)(void *cls, const char *uri, struct MHD_Connection *connection);

/// An unescaper for `MHD_OPTION_UNESCAPE_CALLBACK` that leaves the string as sent, so the `url` given to the access
/// handler is the raw path (MHD still cuts it at the first `?`). Percent-decoding is done in Swift.
static inline size_t cmhd_keep_escapes(void *cls, struct MHD_Connection *connection, char *s) {
    (void)cls;
    (void)connection;
    return strlen(s);
}

/// Starts a daemon on an already bound and listening socket, with the options MicroHTTP uses.
///
/// `MHD_start_daemon` is variadic and so unavailable in Swift; this fixed-arity wrapper needs no `va_list`.
/// `cls` is passed to the access handler, the completion notifier and the URI log callback alike.
/// A `pool_size` of 0 or 1 means the internal polling thread alone.
/// The corresponding C function is `MHD_start_daemon`.
static inline struct MHD_Daemon *cmhd_start(unsigned int flags,
                                            MHD_socket listen_socket,
                                            unsigned int pool_size,
                                            unsigned int connection_timeout,
                                            MHD_AccessHandlerCallback handler,
                                            MHD_RequestCompletedCallback completed,
                                            cmhd_uri_log_callback uri_log,
                                            void *cls) {
    return MHD_start_daemon(flags, 0, NULL, NULL, handler, cls,
                            MHD_OPTION_LISTEN_SOCKET, listen_socket,
                            MHD_OPTION_THREAD_POOL_SIZE, (pool_size > 1 ? pool_size : 0u),
                            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, cls,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_log, cls,
                            MHD_OPTION_UNESCAPE_CALLBACK, cmhd_keep_escapes, (void *)NULL,
                            MHD_OPTION_END);
}

/// The port the daemon listens on. The corresponding C function is `MHD_get_daemon_info`.
static inline uint16_t cmhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

#endif
