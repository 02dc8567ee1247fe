import KKPCore
import KKPStore
import MicroHTTP

/// The project endpoints: `listProjects` and `getProject`.
enum ProjectHandlers {
    /// `listProjects`: the caller's projects in fixture order; an admin's own unless `displayAll` is true, as in KKP;
    /// every project under `--no-auth`. `displayAll` is read as KKP reads it (`strconv.ParseBool`; 400 when it is not
    /// a boolean).
    static let list: Handler = { context in
        let displayAll = try BooleanParameter.query("displayAll", of: context.request)
        let projects = context.store.directory.projects.filter { project in
            guard let user = context.user else { return true }
            if user.isAdmin && displayAll { return true }
            return user.memberships[project.id] != nil
        }
        return .json(.array(projects.map { .object($0.document) }))
    }

    /// `getProject`.
    static let get: Handler = { context in
        .json(.object(try context.project(write: false).document))
    }
}
