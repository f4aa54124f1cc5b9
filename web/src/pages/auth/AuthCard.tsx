import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

export function AuthCard({ title, children, wide }: { title: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="cg-content">
      <Card className="cg-auth-card" style={wide ? { maxWidth: 720 } : undefined}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}
