import KKPCore
import KKPStore
import MicroHTTP

/// The project endpoints: `listProjects` and `getProject`.
enum ProjectHandlers {
    /// `listProjects`: the caller's projects in fixture order; an admin's own unless `displayAll=true`, as in KKP;
    /// every project under `--no-auth`.
    static let list: Handler = { context in
        let projects = context.store.directory.projects.filter { project in
            guard let user = context.user else { return true }
            if user.isAdmin && context.request.queryValue("displayAll") == "true" { return true }
            return user.memberships[project.id] != nil
        }
        return .json(.array(projects.map { .object($0.document) }))
    }

    /// `getProject`.
    static let get: Handler = { context in
        .json(.object(try context.project(write: false).document))
    }
}
