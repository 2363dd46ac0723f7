using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Watcher.Modules.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_descriptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_descriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    display_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    efficacy_specification = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processes",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_up = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_processes", x => x.instance_id);
                });

            migrationBuilder.CreateTable(
                name: "scoring_engines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    metainfo = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scoring_engines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    last_seen_up = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "strategies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    display_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    goal_id = table.Column<int>(type: "integer", nullable: false),
                    parameters_spec = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_strategies", x => x.id);
                    table.ForeignKey(
                        name: "fk_strategies_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "audit_templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    goal_id = table.Column<int>(type: "integer", nullable: false),
                    strategy_id = table.Column<int>(type: "integer", nullable: true),
                    scope = table.Column<string>(type: "text", nullable: false),
                    default_parameters = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_audit_templates_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_audit_templates_strategies_strategy_id",
                        column: x => x.strategy_id,
                        principalTable: "strategies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "audits",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    audit_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    interval = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true, collation: "C"),
                    goal_id = table.Column<int>(type: "integer", nullable: false),
                    strategy_id = table.Column<int>(type: "integer", nullable: true),
                    scope = table.Column<string>(type: "text", nullable: false),
                    auto_trigger = table.Column<bool>(type: "boolean", nullable: false),
                    next_run_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    hostname = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    claimed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    start_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    end_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    force = table.Column<bool>(type: "boolean", nullable: false),
                    status_message = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audits", x => x.id);
                    table.ForeignKey(
                        name: "fk_audits_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_audits_strategies_strategy_id",
                        column: x => x.strategy_id,
                        principalTable: "strategies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    audit_id = table.Column<int>(type: "integer", nullable: false),
                    strategy_id = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    global_efficacy = table.Column<string>(type: "text", nullable: false),
                    hostname = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    claimed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    status_message = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_action_plans_audits_audit_id",
                        column: x => x.audit_id,
                        principalTable: "audits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_action_plans_strategies_strategy_id",
                        column: x => x.strategy_id,
                        principalTable: "strategies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_plan_id = table.Column<int>(type: "integer", nullable: false),
                    action_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    input_parameters = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    parents = table.Column<string>(type: "text", nullable: true),
                    status_message = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_actions_action_plans_action_plan_id",
                        column: x => x.action_plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "efficacy_indicators",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    unit = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true, collation: "C"),
                    data = table.Column<double>(type: "double precision", nullable: true),
                    action_plan_id = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    deleted = table.Column<int>(type: "integer", nullable: false),
                    uuid = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_efficacy_indicators", x => x.id);
                    table.ForeignKey(
                        name: "fk_efficacy_indicators_action_plans_action_plan_id",
                        column: x => x.action_plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_descriptions_action_type",
                table: "action_descriptions",
                column: "action_type",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_audit_id_id",
                table: "action_plans",
                columns: new[] { "audit_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_created_at_id",
                table: "action_plans",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_deleted_at",
                table: "action_plans",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_state",
                table: "action_plans",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_state_id",
                table: "action_plans",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_strategy_id_id",
                table: "action_plans",
                columns: new[] { "strategy_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_updated_at_id",
                table: "action_plans",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_action_plans_uuid",
                table: "action_plans",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_actions_action_plan_id_id",
                table: "actions",
                columns: new[] { "action_plan_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_action_type_id",
                table: "actions",
                columns: new[] { "action_type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_created_at_id",
                table: "actions",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_deleted_at",
                table: "actions",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_actions_state_id",
                table: "actions",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_updated_at_id",
                table: "actions",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_actions_uuid",
                table: "actions",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_created_at_id",
                table: "audit_templates",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_deleted_at",
                table: "audit_templates",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_goal_id_id",
                table: "audit_templates",
                columns: new[] { "goal_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_name_deleted",
                table: "audit_templates",
                columns: new[] { "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_strategy_id_id",
                table: "audit_templates",
                columns: new[] { "strategy_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_templates_uuid",
                table: "audit_templates",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audits_audit_type_id",
                table: "audits",
                columns: new[] { "audit_type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_audit_type_state",
                table: "audits",
                columns: new[] { "audit_type", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_created_at_id",
                table: "audits",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_deleted_at",
                table: "audits",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_audits_goal_id_id",
                table: "audits",
                columns: new[] { "goal_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_name_deleted",
                table: "audits",
                columns: new[] { "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audits_state_id",
                table: "audits",
                columns: new[] { "state", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_strategy_id_id",
                table: "audits",
                columns: new[] { "strategy_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_updated_at_id",
                table: "audits",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audits_uuid",
                table: "audits",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_efficacy_indicators_action_plan_id",
                table: "efficacy_indicators",
                column: "action_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_efficacy_indicators_uuid",
                table: "efficacy_indicators",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_goals_name_deleted",
                table: "goals",
                columns: new[] { "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_goals_uuid",
                table: "goals",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scoring_engines_name_deleted",
                table: "scoring_engines",
                columns: new[] { "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scoring_engines_uuid",
                table: "scoring_engines",
                column: "uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_host_name_deleted",
                table: "services",
                columns: new[] { "host", "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_strategies_goal_id",
                table: "strategies",
                column: "goal_id");

            migrationBuilder.CreateIndex(
                name: "ix_strategies_name_deleted",
                table: "strategies",
                columns: new[] { "name", "deleted" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_strategies_uuid",
                table: "strategies",
                column: "uuid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_descriptions");

            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "audit_templates");

            migrationBuilder.DropTable(
                name: "efficacy_indicators");

            migrationBuilder.DropTable(
                name: "processes");

            migrationBuilder.DropTable(
                name: "scoring_engines");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropTable(
                name: "audits");

            migrationBuilder.DropTable(
                name: "strategies");

            migrationBuilder.DropTable(
                name: "goals");
        }
    }
}
