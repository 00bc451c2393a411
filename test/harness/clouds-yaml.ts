// clouds.yaml as openstacksdk / python-openstackclient / our CLI read it (OS_CLIENT_CONFIG_FILE).
import fs from 'node:fs/promises';
import { stringify } from 'yaml';

export interface CloudsYamlAccount {
  cloud: string;
  username: string;
  password: string;
  projectName: string;
}

/** The `auth` block of a clouds.yaml entry for a password user of the Default domain. */
export function passwordAuth(authUrl: string, account: { username: string; password: string; projectName: string }): Record<string, string> {
  return {
    auth_url: authUrl,
    username: account.username,
    password: account.password,
    project_name: account.projectName,
    user_domain_name: 'Default',
    project_domain_name: 'Default',
  };
}

export async function writeCloudsYaml(file: string, authUrl: string, region: string, accounts: CloudsYamlAccount[]): Promise<void> {
  const clouds: Record<string, unknown> = {};
  for (const a of accounts) {
    clouds[a.cloud] = {
      auth: passwordAuth(authUrl, a),
      region_name: region,
      interface: 'public',
      identity_api_version: 3,
    };
  }
  await fs.writeFile(file, stringify({ clouds }), { mode: 0o600 });
}
