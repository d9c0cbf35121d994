import { randomUUID } from "node:crypto";

// One row in every tenant table for one account, written as the administrator (row-level
// security doesn't apply to a superuser): the rows the row-security tests expect to be hidden.
export function tenantRowsSql(account: string): string {
  const id = () => randomUUID();
  const [role, member, key, user, group, endpoint, event] = [id(), id(), id(), id(), id(), id(), id()];
  const a = `'${account}'`;
  return `
    INSERT INTO accounts (id, name) VALUES (${a}, 'Account ${account.slice(0, 4)}');
    INSERT INTO roles (id, account_id, name, updated_at) VALUES ('${role}', ${a}, 'Role', now());
    INSERT INTO role_permissions (role_id, area, level) VALUES ('${role}', 'api_keys', 'FULL');
    INSERT INTO members (id, account_id, role_id, name) VALUES ('${member}', ${a}, '${role}', 'Member');
    INSERT INTO invitations (account_id, member_id, email, token_hash, expires_at)
      VALUES (${a}, '${member}', 'm-${account.slice(0, 8)}@example.test', '${id()}', now());
    INSERT INTO api_keys (id, account_id, key_id, name, start, role_id) VALUES ('${key}', ${a}, '${id()}', 'Key', 'wisp_', '${role}');
    INSERT INTO api_key_secrets (id, api_key_id, start) VALUES ('${id()}', '${key}', 'wisp_');
    INSERT INTO audit_events (id, account_id, action, actor_type, actor_name, target_type)
      VALUES ('${id()}', ${a}, 'account.created', 'member', 'Member', 'account');
    INSERT INTO wifi_users (id, account_id, username) VALUES ('${user}', ${a}, 'user');
    INSERT INTO groups (id, account_id, name) VALUES ('${group}', ${a}, 'Group');
    INSERT INTO group_members (group_id, user_id, priority) VALUES ('${group}', '${user}', 1);
    INSERT INTO networks (id, account_id, name, ssid) VALUES ('${id()}', ${a}, 'Office', 'Office');
    INSERT INTO vouchers (id, account_id, code, usage_limit, validity_seconds) VALUES ('${id()}', ${a}, 'CODE', 1, 60);
    INSERT INTO api_key_usage (api_key_id, account_id, granularity, bucket_start, operation, outcome, count, latency_ms)
      VALUES ('${key}', ${a}, 'minute', now(), 'getWhoami', '2xx', 1, 1);
    INSERT INTO api_key_requests (id, api_key_id, account_id, slot, created_at, operation, status, latency_ms, request_id)
      VALUES ('${id()}', '${key}', ${a}, 0, now(), 'getWhoami', 200, 1, 'req');
    INSERT INTO api_key_request_counters (api_key_id, next) VALUES ('${key}', 1);
    INSERT INTO outbox_messages (id, account_id, channel, kind, recipient, subject)
      VALUES ('${id()}', ${a}, 'mail', 'invitation', 'm@example.test', 'Hello');
    INSERT INTO sent_notices (key, account_id, keep_until) VALUES ('notice:${account}', ${a}, now());
    INSERT INTO sso_connections (account_id, issuer, client_id, client_secret_sealed, updated_at)
      VALUES (${a}, 'https://idp.example.test', 'client', 'sealed', now());
    INSERT INTO webhook_endpoints (id, account_id, url, secret, secret_start, updated_at)
      VALUES ('${endpoint}', ${a}, 'https://hooks.example.test', 'sealed', 'whsec', now());
    INSERT INTO webhook_events (id, account_id, type, body) VALUES ('${event}', ${a}, 'api_key.created', '{}');
    INSERT INTO webhook_deliveries (id, account_id, endpoint_id, event_id, event_type, ok, latency_ms)
      VALUES ('${id()}', ${a}, '${endpoint}', '${event}', 'api_key.created', true, 1);`;
}
