using Microsoft.AspNetCore.Http;
using Teleport.Api.Client.Messages;
using Teleport.Api.Serialization;
using Teleport.Api.Types;
using Teleport.Auth.Storage;

namespace Teleport.Auth.Api.Endpoints;

/// <summary>tctl users add / update / reset (list, get and rm go through the resource endpoints).</summary>
internal static class UserEndpoints
{
    public static void Map(ApiRouter router)
    {
        AuthServer auth = router.Auth;
        router.Map("POST", "/v1/users", ApiPermission.Rule(ResourceKinds.User, Verbs.Create), async (context, caller) =>
        {
            CreateUserMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.CreateUserMessage).ConfigureAwait(false);
            var traits = message.Logins is { Count: > 0 } logins
                ? ValueMap.Of(("logins", [.. logins]))
                : ValueMap<ValueList<string>>.Empty;
            var user = new User
            {
                Metadata = new Metadata { Name = message.Name },
                Spec = new UserSpec { Roles = ValueList.From(message.Roles), Traits = traits },
            };
            Invitation invitation = await auth.Users.CreateWithInvitationAsync(user, caller.Name, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.WriteJsonAsync(ToMessage(auth, invitation), MessagesJsonContext.Default.InvitationMessage).ConfigureAwait(false);
        });

        router.Map("PUT", "/v1/users/{name}", ApiPermission.Rule(ResourceKinds.User, Verbs.Update), async (context, caller) =>
        {
            UpdateUserMessage message = await context.ReadJsonAsync(MessagesJsonContext.Default.UpdateUserMessage).ConfigureAwait(false);
            User user = await auth.Users.UpdateAsync(ApiRouter.Route(context, "name"), message.SetRoles, message.SetLogins, caller.Name, context.RequestAborted).ConfigureAwait(false);
            await context.WriteRawJsonAsync(ResourceJson.Write(user)).ConfigureAwait(false);
        });

        router.Map("POST", "/v1/users/{name}/reset", ApiPermission.Rule(ResourceKinds.User, Verbs.Update), async (context, caller) =>
        {
            Invitation invitation = await auth.Users.ResetAsync(ApiRouter.Route(context, "name"), caller.Name, context.RequestAborted).ConfigureAwait(false);
            await context.WriteJsonAsync(ToMessage(auth, invitation), MessagesJsonContext.Default.InvitationMessage).ConfigureAwait(false);
        });
    }

    /// <summary>The link a new user opens: the proxy's web UI (Teleport's /web/invite/{token} path).</summary>
    private static InvitationMessage ToMessage(AuthServer auth, Invitation invitation)
    {
        string host = auth.Options.PublicAddress ?? "localhost:3080";
        string path = invitation.Kind == "reset" ? "reset" : "invite";
        return new InvitationMessage(invitation.UserName, invitation.Token, $"https://{host}/web/{path}/{invitation.Token}", invitation.Expires);
    }
}
