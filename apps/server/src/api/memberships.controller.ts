import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApprovalIssuer, ApprovalResponse, Audited } from '@themis/certification';
import { PendingVersionResponse, VersionApprovals } from '@themis/accreditation';
import { AuthenticatedUser, CurrentUser } from '@themis/identity';
import { ClaimMembershipDto, MembershipResponse, MembershipsService } from '@themis/organisations';
import { IdPipe } from '../infra/params';

@Controller('api/v1/me/memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post()
  claim(@CurrentUser() user: AuthenticatedUser, @Body() dto: ClaimMembershipDto): Promise<MembershipResponse> {
    return this.memberships.claim(user.id, dto);
  }

  @Get()
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MembershipResponse[]> {
    return this.memberships.mine(user.id);
  }
}

/** Four eyes: versions that grant CLE hours wait here for an admin who did not publish them, or an accreditor. */
@Controller('api/v1/course-versions')
export class ApprovalsController {
  constructor(private readonly approvals: VersionApprovals, private readonly issuer: ApprovalIssuer) {}

  @Get('pending-approval')
  pending(@CurrentUser() user: AuthenticatedUser): Promise<PendingVersionResponse[]> {
    return this.approvals.pending(user.id);
  }

  @Audited('version.approval', 'id')
  @Post(':id/approval')
  approve(@Param('id', IdPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ApprovalResponse> {
    return this.issuer.approve(user.id, id);
  }
}
