import { CreateUserBody, USER_ROLES, type UserRole } from '@assay/schema';
import { Option, type Command } from 'commander';
import { UsageError, globals } from '../client';
import { printJson, printRecord } from '../output';

interface CreateOptions {
  email: string;
  name: string;
  password?: string;
  role: UserRole;
  workspace?: string;
}

/**
 * `assay users create`: makes a browser user directly in the database this machine's settings name
 * (DATABASE_URL or ASSAY_DATA_DIR, like `assay serve`), in the default workspace, a given one, or a
 * new one. For operators and tests: in the web app, admins add users of their own workspace.
 */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('manage browser users (directly on the database)');

  users
    .command('create')
    .description('create a user (in the default workspace unless --workspace says otherwise) and print its id and workspace id')
    .requiredOption('--email <email>', 'the email the user signs in with')
    .requiredOption('--name <name>', "the user's name")
    .option('--password <password>', 'the initial password, 8-200 characters (default: ASSAY_USER_PASSWORD)')
    .addOption(new Option('--role <role>', 'what the user may do in the workspace').choices(USER_ROLES).default('viewer'))
    .option('--workspace <id|new>', 'the workspace id, or "new" for a new workspace (default: the default workspace)')
    .action(async (options: CreateOptions, command: Command) => {
      const parsed = CreateUserBody.safeParse({
        email: options.email,
        name: options.name,
        password: options.password ?? process.env.ASSAY_USER_PASSWORD,
        role: options.role,
      });
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues
            .map(
              (issue) =>
                `--${issue.path.join('.')}: ${issue.path[0] === 'password' && issue.code === 'invalid_type' ? 'required (or set ASSAY_USER_PASSWORD)' : issue.message}`,
            )
            .join('\n'),
        );
      }
      const workspaceOption = options.workspace;
      if (workspaceOption !== undefined && workspaceOption !== 'new' && !/^[0-9a-f]{24}$/.test(workspaceOption))
        throw new UsageError(`--workspace: "${workspaceOption}" is neither a workspace id nor "new"`);

      const [{ loadConfig, openConfiguredStore }, { hashPassword }] = await Promise.all([
        import('@assay/runtime'),
        import('@assay/server/services'),
      ]);
      const store = await openConfiguredStore(loadConfig(process.env), { poolSize: 2 });
      try {
        let workspace: { id: string; name: string } | null | undefined;
        if (workspaceOption === 'new') workspace = await store.access.createWorkspace(`${parsed.data.email.toLowerCase()}'s workspace`);
        else if (workspaceOption) workspace = await store.access.getWorkspace(workspaceOption);
        else workspace = (await store.access.defaultWorkspace()) ?? (await store.access.createWorkspace('default'));
        if (!workspace) throw new Error(`workspace ${workspaceOption} not found`);
        const created = await store.users.createMember({
          workspaceId: workspace.id,
          email: parsed.data.email,
          name: parsed.data.name,
          passwordHash: await hashPassword(parsed.data.password),
          role: parsed.data.role,
        });
        if (typeof created === 'string') throw new Error(`a user with email ${parsed.data.email.toLowerCase()} already exists`);
        const answer = {
          id: created.id,
          email: created.email,
          name: created.name,
          role: created.role,
          workspaceId: created.workspaceId,
          createdAt: new Date(created.createdAt).toISOString(),
        };
        if (globals(command).json) printJson(answer);
        else printRecord({ id: answer.id, email: answer.email, role: answer.role, workspace: answer.workspaceId });
      } finally {
        await store.close();
      }
    });
}
